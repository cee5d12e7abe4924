package dev.sparring.media.providers.openai.realtime;

import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.AudioEncoding;

/**
 * Converts between the transport's audio and the Realtime session's: on a phone call both are
 * μ-law 8 kHz ({@code audio/pcmu}) and the caller's audio passes through untouched; on a PCM16
 * 16 kHz transport the session speaks 24 kHz PCM ({@code audio/pcm}) and one stateful resampler
 * per direction converts. Model audio goes to the pacer in the transport's encoding when it already
 * is (phone calls: no decoding, no resampling either way), as PCM16 16 kHz otherwise.
 *
 * <p>Owns the two resamplers (none on a phone call); one instance per call, touched only by the
 * call's executor.
 */
final class ModelAudio {
    private final boolean pcmu;
    private final Resampler toModel;
    private final Resampler fromModel;

    ModelAudio(AudioEncoding transport) {
        this.pcmu = transport == AudioEncoding.MULAW_8K;
        if (!pcmu && transport != AudioEncoding.PCM16_16K) {
            throw new IllegalArgumentException("the realtime pipeline takes μ-law 8 kHz or PCM16 16 kHz, not " + transport);
        }
        this.toModel = pcmu ? null : Resampler.create(16_000, 24_000);
        this.fromModel = pcmu ? null : Resampler.create(24_000, 16_000);
    }

    /** Caller audio in the session's input format. */
    byte[] toModel(byte[] payload) {
        if (pcmu) {
            return payload;
        }
        return PcmBytes.toBytes(toModel.process(PcmBytes.toShorts(payload)));
    }

    /** Model audio for the pacer, in {@link #playoutEncoding()}. */
    byte[] toPlayout(byte[] audio) {
        return pcmu ? audio : PcmBytes.toBytes(fromModel.process(PcmBytes.toShorts(audio)));
    }

    /** The encoding {@link #toPlayout} yields. */
    AudioEncoding playoutEncoding() {
        return pcmu ? AudioEncoding.MULAW_8K : AudioEncoding.PCM16_16K;
    }

    /** Milliseconds of model audio in {@code bytes}. */
    double millisOf(int bytes) {
        return pcmu ? bytes / 8.0 : bytes / 48.0;
    }

    /** Forgets the tail of a reply that was cut, so it cannot bleed into the next one. */
    void resetOutput() {
        if (fromModel != null) {
            fromModel.reset();
        }
    }
}
