package dev.sparring.media.pipeline.audio;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.PipelineException;

/**
 * PCM16 16 kHz samples → the transport's encoding: the codecs' streaming resampler (16 → 8 kHz,
 * anti-aliased) and G.711 μ-law, so a 20 ms chunk of 320 samples gives 160 bytes.
 *
 * <p>Owns the outbound direction's one {@link Resampler} for the whole call and a scratch buffer:
 * one instance per call, touched only by the call's executor. The resampler delays audio by its
 * group delay (2.75 ms); the last chunk of a bot turn carries that tail ({@code endOfTurn}, when
 * the turn's end is known by then; otherwise the next turn starts afresh without it), and
 * audio that a {@code clear} threw away is forgotten ({@link #discard()}) so it cannot bleed into
 * the next turn.
 */
public final class OutboundAudio {
    private final AudioEncoding encoding;
    private final Resampler downsampler = Resampler.create(16_000, 8_000);
    private short[] narrow = new short[160];

    public OutboundAudio(AudioEncoding encoding) {
        if (encoding == AudioEncoding.PCM16_48K) {
            throw new PipelineException("outbound 48 kHz PCM is produced by the WebRTC transport from 16 kHz");
        }
        this.encoding = encoding;
    }

    public AudioEncoding encoding() {
        return encoding;
    }

    /**
     * Encodes {@code length} samples; with {@code endOfTurn} the resampler's delayed tail is pushed
     * out too and it starts the next turn afresh.
     */
    public byte[] fromPcm16k(short[] samples, int offset, int length, boolean endOfTurn) {
        return switch (encoding) {
            case MULAW_8K -> {
                ensureCapacity(downsampler.outputLengthFor(length));
                int written = downsampler.process(samples, offset, length, narrow, 0);
                if (endOfTurn) {
                    ensureCapacity(written + downsampler.flushLength());
                    written += downsampler.flush(narrow, written);
                    downsampler.reset();
                }
                byte[] out = new byte[written];
                MuLaw.encode(narrow, 0, out, 0, written);
                yield out;
            }
            case PCM16_16K -> {
                byte[] out = new byte[length * 2];
                PcmBytes.toBytes(samples, offset, out, 0, length);
                yield out;
            }
            case PCM16_48K -> throw new PipelineException("unsupported outbound encoding " + encoding);
        };
    }

    private void ensureCapacity(int samples) {
        if (narrow.length < samples) {
            narrow = java.util.Arrays.copyOf(narrow, samples);
        }
    }

    /** Forgets audio still inside the resampler (it was cleared at the far end, so nobody hears it). */
    public void discard() {
        downsampler.reset();
    }
}
