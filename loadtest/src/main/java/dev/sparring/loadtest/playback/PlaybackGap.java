package dev.sparring.loadtest.playback;

/**
 * A buffer underrun in the middle of bot speech: the caller heard silence because the next audio
 * arrived late.
 *
 * @param startNanos clock time the buffer ran dry
 * @param durationNanos how long it stayed dry
 */
public record PlaybackGap(long startNanos, long durationNanos) {}
