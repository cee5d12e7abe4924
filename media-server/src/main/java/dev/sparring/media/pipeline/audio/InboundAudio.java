package dev.sparring.media.pipeline.audio;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.PipelineException;

/**
 * Caller audio in the transport's encoding → PCM16 16 kHz samples (decoded and resampled once).
 * Stateful (resampler history): one per call, touched only by the call's executor.
 */
public final class InboundAudio {
    private final AudioEncoding encoding;
    private final Upsampler2x upsampler = new Upsampler2x();

    public InboundAudio(AudioEncoding encoding) {
        if (encoding == AudioEncoding.PCM16_48K) {
            throw new PipelineException("inbound 48 kHz PCM is decoded by the WebRTC transport to 16 kHz first");
        }
        this.encoding = encoding;
    }

    public short[] toPcm16k(byte[] payload) {
        return switch (encoding) {
            case MULAW_8K -> {
                short[] narrow = new short[payload.length];
                for (int i = 0; i < payload.length; i++) {
                    narrow[i] = Pcm.muLawDecode(payload[i]);
                }
                yield upsampler.process(narrow);
            }
            case PCM16_16K -> Pcm.fromLittleEndian(payload);
            case PCM16_48K -> throw new PipelineException("unsupported inbound encoding " + encoding);
        };
    }
}
