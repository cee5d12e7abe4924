package dev.sparring.loadtest.playback;

/**
 * A {@code clear} the caller received.
 *
 * @param atNanos clock time it arrived
 * @param droppedBytes μ-law bytes (1 byte = 125 µs) still buffered and dropped
 * @param flushedMarks marks echoed at once because of it
 * @param botWasSpeaking true if the bot was audibly speaking when the clear arrived
 */
public record ClearRecord(long atNanos, int droppedBytes, int flushedMarks, boolean botWasSpeaking) {}
