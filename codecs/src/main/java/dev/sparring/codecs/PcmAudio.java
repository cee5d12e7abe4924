package dev.sparring.codecs;

import dev.sparring.codecs.pcm.Channels;
import java.time.Duration;
import java.util.Arrays;

/**
 * A block of decoded PCM16 audio in memory: a recording, a WAV file's contents, a test fixture.
 * Streaming code passes frames, not this.
 *
 * <p>The record holds its sample array as given, without copying, so it is only as immutable as the
 * caller's discipline: do not modify the array after handing it over. Equality compares contents.
 *
 * @param sampleRate samples per second per channel, positive
 * @param channels number of interleaved channels, positive
 * @param samples interleaved samples; length a multiple of {@code channels}
 */
public record PcmAudio(int sampleRate, int channels, short[] samples) {

    /**
     * @throws IllegalArgumentException if the rate or channel count is not positive or the samples
     *     do not form whole frames
     */
    public PcmAudio {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "sample rate and channels must be positive: " + sampleRate + " Hz, " + channels + " ch");
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(
                    samples.length + " samples do not form whole frames of " + channels + " channels");
        }
    }

    /**
     * @param sampleRate samples per second
     * @param samples mono samples
     * @return mono audio
     */
    public static PcmAudio mono(int sampleRate, short[] samples) {
        return new PcmAudio(sampleRate, 1, samples);
    }

    /** @return samples per channel */
    public int frames() {
        return samples.length / channels;
    }

    /** @return how long the audio lasts */
    public Duration duration() {
        return Duration.ofNanos(frames() * 1_000_000_000L / sampleRate);
    }

    /** @return this audio if mono, else the average of its channels */
    public PcmAudio toMono() {
        return channels == 1 ? this : mono(sampleRate, Channels.downmix(samples, channels));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PcmAudio that
                && sampleRate == that.sampleRate
                && channels == that.channels
                && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sampleRate + channels) + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "PcmAudio[" + sampleRate + " Hz, " + channels + " ch, " + frames() + " frames]";
    }
}
