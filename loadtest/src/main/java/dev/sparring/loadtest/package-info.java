/**
 * The load-test kit: a Twilio caller emulator ({@link dev.sparring.loadtest.twilio.CallerEmulator})
 * that places calls through the control plane's voice webhook or REST API, then speaks a call
 * script over Twilio Media Streams while emulating Twilio's playback buffer. Other modules' tests
 * use it (test scope); it never depends on them.
 */
package dev.sparring.loadtest;
