package dev.sparring.media.pipeline.audio;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.PipelineException;

/**
 * Caller audio in the transport's encoding → PCM16 16 kHz samples: G.711 μ-law decoding and the
 * codecs' streaming resampler (8 → 16 kHz), so 160 bytes (20 ms) always give 320 samples.
 *
 * <p>When the recogniser takes the transport's own encoding, the pipeline needs PCM only for voice
 * activity: {@link #forLevels} serves it without the resampler, which was the largest single cost
 * of a phone call's inbound path (about 9 µs of the 10 µs per 20 ms frame). A call uses one of the
 * two methods for its whole life, so the resampler's history stays continuous.
 *
 * <p>Owns the inbound direction's one {@link Resampler} (its history spans the whole call) and a
 * decode buffer: one instance per call, touched only by the call's executor.
 */
public final class InboundAudio {
    private final AudioEncoding encoding;
    private final Resampler upsampler = Resampler.create(8_000, 16_000);
    private short[] narrow = new short[160];

    public InboundAudio(AudioEncoding encoding) {
        if (encoding == AudioEncoding.PCM16_48K) {
            throw new PipelineException("inbound 48 kHz PCM is decoded by the WebRTC transport to 16 kHz first");
        }
        this.encoding = encoding;
    }

    /** The payload as newly allocated PCM16 16 kHz samples. */
    public short[] toPcm16k(byte[] payload) {
        return switch (encoding) {
            case MULAW_8K -> {
                if (narrow.length < payload.length) {
                    narrow = new short[payload.length];
                }
                MuLaw.decode(payload, 0, narrow, 0, payload.length);
                short[] wide = new short[upsampler.outputLengthFor(payload.length)];
                upsampler.process(narrow, 0, payload.length, wide, 0);
                yield wide;
            }
            case PCM16_16K -> PcmBytes.toShorts(payload);
            case PCM16_48K -> throw new PipelineException("unsupported inbound encoding " + encoding);
        };
    }

    /**
     * The payload as newly allocated 16 kHz samples fit for level measurement only (voice activity,
     * RMS), never for listening or recognition: μ-law is decoded and each sample is held for two
     * output samples. Holding keeps the mean square, hence the RMS level, of the 8 kHz audio
     * exactly, as a proper resampler keeps it for in-band audio; the images it leaves above 4 kHz
     * change no level. 160 bytes give 320 samples, as {@link #toPcm16k} does.
     */
    public short[] forLevels(byte[] payload) {
        if (encoding != AudioEncoding.MULAW_8K) {
            return toPcm16k(payload);
        }
        short[] wide = new short[payload.length * 2];
        for (int i = 0, j = 0; i < payload.length; i++, j += 2) {
            short sample = MuLaw.decode(payload[i]);
            wide[j] = sample;
            wide[j + 1] = sample;
        }
        return wide;
    }
}
