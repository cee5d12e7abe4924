package dev.sparring.media.providers.openai.realtime;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.AudioEncoding;

/**
 * Converts between the transport's audio and the Realtime session's: on a phone call both are
 * μ-law 8 kHz ({@code audio/pcmu}) and the caller's audio passes through untouched; on a PCM16
 * 16 kHz transport the session speaks 24 kHz PCM ({@code audio/pcm}) and one stateful resampler
 * per direction converts. Model audio always leaves as PCM16 16 kHz samples for the pacer.
 *
 * <p>Owns the two resamplers; one instance per call, touched only by the call's executor.
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
        this.fromModel = pcmu ? Resampler.create(8_000, 16_000) : Resampler.create(24_000, 16_000);
    }

    /** Caller audio in the session's input format. */
    byte[] toModel(byte[] payload) {
        if (pcmu) {
            return payload;
        }
        return PcmBytes.toBytes(toModel.process(PcmBytes.toShorts(payload)));
    }

    /** Model audio as PCM16 16 kHz samples. */
    short[] toPcm16k(byte[] audio) {
        short[] narrow = pcmu ? MuLaw.decode(audio) : PcmBytes.toShorts(audio);
        return fromModel.process(narrow);
    }

    /** Milliseconds of model audio in {@code bytes}. */
    double millisOf(int bytes) {
        return pcmu ? bytes / 8.0 : bytes / 48.0;
    }

    /** Forgets the tail of a reply that was cut, so it cannot bleed into the next one. */
    void resetOutput() {
        fromModel.reset();
    }
}
