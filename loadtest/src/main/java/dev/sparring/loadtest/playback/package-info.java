/**
 * Twilio's playback buffer as a sans-I/O state machine on an injected clock: real-time playout, mark
 * echoes, clear, and what the caller heard (speech stretches, underruns).
 */
package dev.sparring.loadtest.playback;
