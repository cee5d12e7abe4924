package dev.sparring.loadtest.playback;

/**
 * A mark the caller received and echoed.
 *
 * @param name the mark's name
 * @param receivedNanos clock time it arrived
 * @param echoedNanos clock time all audio before it had played (or the clear flushed it)
 * @param cleared true when a {@code clear} flushed it before its audio played
 */
public record MarkEcho(String name, long receivedNanos, long echoedNanos, boolean cleared) {}
