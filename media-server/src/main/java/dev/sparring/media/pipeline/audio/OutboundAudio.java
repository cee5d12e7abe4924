package dev.sparring.media.pipeline.audio;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.PipelineException;

/**
 * PCM16 16 kHz samples → the transport's encoding (resampled and encoded once).
 * Stateful (resampler history): one per call, touched only by the call's executor.
 */
public final class OutboundAudio {
    private final AudioEncoding encoding;
    private final Downsampler2x downsampler = new Downsampler2x();

    public OutboundAudio(AudioEncoding encoding) {
        if (encoding == AudioEncoding.PCM16_48K) {
            throw new PipelineException("outbound 48 kHz PCM is produced by the WebRTC transport from 16 kHz");
        }
        this.encoding = encoding;
    }

    public AudioEncoding encoding() {
        return encoding;
    }

    public byte[] fromPcm16k(short[] samples, int offset, int length) {
        return switch (encoding) {
            case MULAW_8K -> {
                short[] slice = new short[length];
                System.arraycopy(samples, offset, slice, 0, length);
                short[] narrow = downsampler.process(slice);
                byte[] out = new byte[narrow.length];
                for (int i = 0; i < narrow.length; i++) {
                    out[i] = Pcm.muLawEncode(narrow[i]);
                }
                yield out;
            }
            case PCM16_16K -> Pcm.toLittleEndian(samples, offset, length);
            case PCM16_48K -> throw new PipelineException("unsupported outbound encoding " + encoding);
        };
    }
}
