package dev.sparring.loadtest.simulators.deepgram;

import dev.sparring.codecs.AudioFormat;
import dev.sparring.codecs.g711.ALaw;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.resample.Resampler;

/**
 * Turns the raw audio of one connection (μ-law, A-law or little-endian linear16 at the requested
 * rate) into canonical 16 kHz PCM for the voice detector, and counts the input's duration.
 *
 * <p>Owns a resampler and a carried odd byte; touched only by the connection's event loop.
 */
final class AudioDecoder {
    private final String encoding;
    private final int sampleRate;
    private final Resampler resampler;
    private int carry = -1;
    private long inputSamples;

    AudioDecoder(String encoding, int sampleRate) {
        this.encoding = encoding;
        this.sampleRate = sampleRate;
        int canonical = AudioFormat.CANONICAL.sampleRate();
        this.resampler = sampleRate == canonical || sampleRate * 2 == canonical ? null
                : Resampler.create(sampleRate, canonical);
    }

    /** @return the samples decoded from {@code bytes} at 16 kHz (may be empty) */
    short[] decode(byte[] bytes) {
        short[] samples;
        if (encoding.equals("linear16")) {
            int start = 0;
            int total = bytes.length + (carry >= 0 ? 1 : 0);
            samples = new short[total / 2];
            int i = 0;
            if (carry >= 0 && bytes.length > 0) {
                samples[i++] = (short) ((carry & 0xFF) | (bytes[0] << 8));
                start = 1;
                carry = -1;
            }
            for (int b = start; b + 1 < bytes.length; b += 2) {
                samples[i++] = (short) ((bytes[b] & 0xFF) | (bytes[b + 1] << 8));
            }
            if ((bytes.length - start) % 2 == 1) {
                carry = bytes[bytes.length - 1];
            }
        } else {
            samples = new short[bytes.length];
            if (encoding.equals("mulaw")) {
                MuLaw.decode(bytes, 0, samples, 0, bytes.length);
            } else {
                ALaw.decode(bytes, 0, samples, 0, bytes.length);
            }
        }
        inputSamples += samples.length;
        if (sampleRate * 2 == AudioFormat.CANONICAL.sampleRate()) {
            return doubled(samples);
        }
        return resampler == null ? samples : resampler.process(samples);
    }

    /**
     * Telephone audio (8 kHz) to 16 kHz by repeating each sample. The voice detector only measures
     * each frame's energy, which repetition keeps exactly; the filtering resampler cost enough per
     * frame to make this simulator the bottleneck of a 500-call load test on one core.
     */
    private static short[] doubled(short[] samples) {
        short[] out = new short[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = samples[i];
            out[2 * i + 1] = samples[i];
        }
        return out;
    }

    /** @return seconds of audio received so far */
    double receivedSeconds() {
        return inputSamples / (double) sampleRate;
    }
}
