package dev.sparring.media.pipeline.audio;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.PipelineException;
import java.util.Arrays;

/**
 * Bot audio → the transport's encoding. Audio already in the transport's encoding (ElevenLabs
 * {@code ulaw_8000} on a phone call) passes through untouched; other audio is decoded and
 * resampled once: PCM16 16 kHz → μ-law 8 kHz through the codecs' anti-aliased 16 → 8 kHz
 * resampler (320 samples give 160 bytes), μ-law 8 kHz → PCM16 16 kHz through an 8 → 16 kHz one.
 *
 * <p>Owns the outbound direction's one {@link Resampler} (the one this transport's encoding needs,
 * made on first use) and a scratch buffer: one instance per audio stream, touched by one thread at
 * a time (the call's executor for the pacer). The resampler delays audio by its group delay
 * (2.75 ms at 16 → 8 kHz): {@link #finish()} pushes that tail out at the end of a bot turn, and
 * before pass-through audio follows resampled audio, so nothing is lost or reordered;
 * {@link #discard()} forgets it when a {@code clear} threw the audio away.
 */
public final class OutboundAudio {
    private final AudioEncoding encoding;
    private Resampler resampler;
    private boolean pending;
    private short[] scratch = new short[320];

    public OutboundAudio(AudioEncoding encoding) {
        if (encoding == AudioEncoding.PCM16_48K) {
            throw new PipelineException("outbound 48 kHz PCM is produced by the WebRTC transport from 16 kHz");
        }
        this.encoding = encoding;
    }

    public AudioEncoding encoding() {
        return encoding;
    }

    /** True when {@code from} audio can be converted to this transport's encoding. */
    public static boolean supports(AudioEncoding from, AudioEncoding transport) {
        return from == transport || from != AudioEncoding.PCM16_48K && transport != AudioEncoding.PCM16_48K;
    }

    /**
     * Converts one chunk (its array is not kept). Audio in the transport's encoding comes back as the
     * same array, preceded by the resampler's tail if resampled audio came just before it.
     */
    public byte[] convert(byte[] audio, AudioEncoding from) {
        if (from == encoding) {
            if (!pending) {
                return audio;
            }
            byte[] tail = finish();
            byte[] out = Arrays.copyOf(tail, tail.length + audio.length);
            System.arraycopy(audio, 0, out, tail.length, audio.length);
            return out;
        }
        return switch (from) {
            case PCM16_16K -> {
                short[] samples = PcmBytes.toShorts(audio);
                yield fromPcm16k(samples, 0, samples.length);
            }
            case MULAW_8K -> {
                ensureCapacity(audio.length);
                MuLaw.decode(audio, 0, scratch, 0, audio.length);
                yield resample(Arrays.copyOf(scratch, audio.length), 0, audio.length);
            }
            case PCM16_48K -> throw new PipelineException("unsupported bot audio encoding " + from);
        };
    }

    /** Encodes {@code length} PCM16 16 kHz samples; the resampler keeps its delayed tail for later. */
    public byte[] fromPcm16k(short[] samples, int offset, int length) {
        return switch (encoding) {
            case MULAW_8K -> resample(samples, offset, length);
            case PCM16_16K -> {
                byte[] out = new byte[length * 2];
                PcmBytes.toBytes(samples, offset, out, 0, length);
                if (pending) {
                    byte[] tail = finish();
                    byte[] joined = Arrays.copyOf(tail, tail.length + out.length);
                    System.arraycopy(out, 0, joined, tail.length, out.length);
                    yield joined;
                }
                yield out;
            }
            case PCM16_48K -> throw new PipelineException("unsupported outbound encoding " + encoding);
        };
    }

    /**
     * Encodes {@code length} samples; with {@code endOfTurn} the resampler's delayed tail is pushed
     * out too and it starts the next turn afresh.
     */
    public byte[] fromPcm16k(short[] samples, int offset, int length, boolean endOfTurn) {
        byte[] body = fromPcm16k(samples, offset, length);
        if (!endOfTurn) {
            return body;
        }
        byte[] tail = finish();
        byte[] out = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    /** The resampler's delayed tail in the transport's encoding (empty if nothing is held); resets it. */
    public byte[] finish() {
        if (!pending) {
            return new byte[0];
        }
        pending = false;
        ensureCapacity(resampler.flushLength());
        int written = resampler.flush(scratch, 0);
        resampler.reset();
        return encode(scratch, written);
    }

    /** Forgets audio still inside the resampler (it was cleared at the far end, so nobody hears it). */
    public void discard() {
        pending = false;
        if (resampler != null) {
            resampler.reset();
        }
    }

    private byte[] resample(short[] samples, int offset, int length) {
        if (resampler == null) {
            resampler = encoding == AudioEncoding.MULAW_8K ? Resampler.create(16_000, 8_000) : Resampler.create(8_000, 16_000);
        }
        ensureCapacity(resampler.outputLengthFor(length));
        int written = resampler.process(samples, offset, length, scratch, 0);
        pending = true;
        return encode(scratch, written);
    }

    private byte[] encode(short[] samples, int count) {
        if (encoding == AudioEncoding.MULAW_8K) {
            byte[] out = new byte[count];
            MuLaw.encode(samples, 0, out, 0, count);
            return out;
        }
        byte[] out = new byte[count * 2];
        PcmBytes.toBytes(samples, 0, out, 0, count);
        return out;
    }

    private void ensureCapacity(int samples) {
        if (scratch.length < samples) {
            scratch = Arrays.copyOf(scratch, Math.max(samples, scratch.length * 2));
        }
    }
}
