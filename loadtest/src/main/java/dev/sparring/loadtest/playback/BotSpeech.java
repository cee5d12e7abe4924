package dev.sparring.loadtest.playback;

/**
 * One stretch of bot speech as played at the caller.
 *
 * @param startNanos clock time the first voiced slice started playing
 * @param endNanos clock time the last voiced slice finished playing (or the clear cut it)
 * @param cutByClear true when a {@code clear} dropped the rest of it
 */
public record BotSpeech(long startNanos, long endNanos, boolean cutByClear) {}
