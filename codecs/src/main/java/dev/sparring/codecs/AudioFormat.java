package dev.sparring.codecs;

import java.time.Duration;

/**
 * A mono or interleaved PCM16 stream layout: sample rate, channel count and frame duration.
 *
 * <p>{@link #CANONICAL} is the working format of every pipeline stage that needs samples (VAD,
 * mixing, local TTS): PCM16 mono 16 kHz in 20 ms frames of 320 samples. {@link #TELEPHONY} is what
 * Twilio Media Streams carry (8 kHz, 20 ms, usually μ-law on the wire) and {@link #WEBRTC} what Opus
 * decodes to (48 kHz, 20 ms).
 *
 * @param sampleRate samples per second per channel, positive
 * @param channels number of interleaved channels, positive
 * @param frameMillis duration of one frame in milliseconds, positive; {@code sampleRate * frameMillis}
 *     must be a whole number of samples per second boundary (divisible by 1000)
 */
public record AudioFormat(int sampleRate, int channels, int frameMillis) {

    /** Bytes per PCM16 sample. */
    public static final int BYTES_PER_SAMPLE = 2;

    /** PCM16 mono 16 kHz, 20 ms frames (320 samples, 640 bytes): the pipeline's working format. */
    public static final AudioFormat CANONICAL = new AudioFormat(16_000, 1, 20);

    /** PCM mono 8 kHz, 20 ms frames (160 samples): the telephone network (G.711 on the wire). */
    public static final AudioFormat TELEPHONY = new AudioFormat(8_000, 1, 20);

    /** PCM mono 48 kHz, 20 ms frames (960 samples): what Opus in WebRTC decodes to. */
    public static final AudioFormat WEBRTC = new AudioFormat(48_000, 1, 20);

    /**
     * @throws IllegalArgumentException if a value is not positive or a frame is not a whole number
     *     of samples
     */
    public AudioFormat {
        if (sampleRate <= 0 || channels <= 0 || frameMillis <= 0) {
            throw new IllegalArgumentException("sample rate, channels and frame duration must be positive: "
                    + sampleRate + " Hz, " + channels + " ch, " + frameMillis + " ms");
        }
        if ((long) sampleRate * frameMillis % 1000 != 0) {
            throw new IllegalArgumentException(
                    frameMillis + " ms at " + sampleRate + " Hz is not a whole number of samples");
        }
    }

    /** @return samples per channel in one frame (320 for {@link #CANONICAL}) */
    public int frameSamplesPerChannel() {
        return (int) ((long) sampleRate * frameMillis / 1000);
    }

    /** @return samples in one frame across all channels (interleaved array length) */
    public int frameSamples() {
        return frameSamplesPerChannel() * channels;
    }

    /** @return bytes in one PCM16 frame (640 for {@link #CANONICAL}) */
    public int frameBytes() {
        return frameSamples() * BYTES_PER_SAMPLE;
    }

    /** @return the duration of one frame */
    public Duration frameDuration() {
        return Duration.ofMillis(frameMillis);
    }

    /**
     * @param samplesPerChannel a sample count per channel
     * @return the duration those samples last at this rate, truncated to nanoseconds
     */
    public Duration durationOf(long samplesPerChannel) {
        return Duration.ofNanos(samplesPerChannel * 1_000_000_000L / sampleRate);
    }

    /**
     * @param duration a non-negative duration
     * @return the number of samples per channel it spans at this rate, rounded down
     */
    public long samplesIn(Duration duration) {
        return duration.toNanos() * sampleRate / 1_000_000_000L;
    }

    /**
     * @param newRate another sample rate
     * @return this format at {@code newRate}, same channels and frame duration
     */
    public AudioFormat withSampleRate(int newRate) {
        return new AudioFormat(newRate, channels, frameMillis);
    }
}
