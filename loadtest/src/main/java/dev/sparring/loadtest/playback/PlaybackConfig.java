package dev.sparring.loadtest.playback;

import java.time.Duration;

/**
 * How the emulated caller judges what it hears.
 *
 * @param speechRmsThreshold a 20 ms slice of played μ-law audio counts as bot speech when the RMS of
 *     its decoded samples exceeds this (linear, 0..32767). Default 400 (about -38 dBFS): TTS speech
 *     sits around 2,000-8,000, μ-law digital silence decodes to 0 and line noise stays below ~200.
 * @param hangover unvoiced audio (or an empty buffer) must last this long before the bot counts as
 *     having stopped speaking, so the gaps between words do not split an utterance. Default 200 ms.
 *     The stop time reported is the end of the last voiced slice, not the end of the hangover.
 * @param maxUnderrun an empty buffer that interrupts voiced audio counts as a playback gap (an
 *     underrun) only when audio resumes within this time; a longer silence is a turn boundary.
 *     Default 1 s.
 */
public record PlaybackConfig(int speechRmsThreshold, Duration hangover, Duration maxUnderrun) {

    /** The documented defaults: 400 RMS, 200 ms hangover, 1 s maximum underrun. */
    public static final PlaybackConfig DEFAULTS =
            new PlaybackConfig(400, Duration.ofMillis(200), Duration.ofSeconds(1));

    public PlaybackConfig {
        if (speechRmsThreshold <= 0 || speechRmsThreshold > 32767) {
            throw new IllegalArgumentException("speech-rms-threshold must be in 1..32767: " + speechRmsThreshold);
        }
        if (hangover.isNegative() || maxUnderrun.isNegative()) {
            throw new IllegalArgumentException("hangover and max-underrun must not be negative");
        }
    }
}
