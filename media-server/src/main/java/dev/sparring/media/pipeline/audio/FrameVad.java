package dev.sparring.media.pipeline.audio;

import dev.sparring.codecs.AudioFormat;
import dev.sparring.codecs.vad.EnergyVad;
import dev.sparring.codecs.vad.EnergyVadConfig;

/**
 * Per-frame voice activity for the pipeline's own timing logic: the codecs' adaptive
 * {@link EnergyVad} (noise floor, margin, absolute threshold as in {@link EnergyVadConfig#DEFAULTS})
 * with its onset and hangover smoothing turned off, because the callers own the timing
 * (speech-start, end-of-turn-silence, the recogniser's hangover) and measure latency from the last
 * voiced frame, which a hangover would move.
 *
 * <p>Accepts PCM16 16 kHz chunks of any length and judges whole 20 ms frames, carrying a partial
 * frame over to the next chunk. Owns the detector's state and that partial frame: one instance per
 * audio stream, touched only by the call's executor.
 */
public final class FrameVad {
    /** The codecs defaults without smoothing: one loud frame is voiced, one quiet frame is not. */
    public static final EnergyVadConfig CONFIG = unsmoothed(EnergyVadConfig.DEFAULTS);

    private static final int FRAME = AudioFormat.CANONICAL.frameSamples();
    private final EnergyVad vad = new EnergyVad(CONFIG);
    private final short[] partial = new short[FRAME];
    private int filled;
    private boolean voiced;

    /**
     * Whether the chunk is voiced: any whole frame completed by it is loud. A chunk too short to
     * complete a frame keeps the previous verdict.
     */
    public boolean voiced(short[] pcm) {
        boolean judged = false;
        boolean any = false;
        int i = 0;
        while (i < pcm.length) {
            if (filled == 0 && pcm.length - i >= FRAME) {
                any |= vad.process(pcm, i).speech();
                judged = true;
                i += FRAME;
                continue;
            }
            int take = Math.min(FRAME - filled, pcm.length - i);
            System.arraycopy(pcm, i, partial, filled, take);
            filled += take;
            i += take;
            if (filled == FRAME) {
                any |= vad.process(partial, 0).speech();
                judged = true;
                filled = 0;
            }
        }
        if (judged) {
            voiced = any;
        }
        return voiced;
    }

    private static EnergyVadConfig unsmoothed(EnergyVadConfig c) {
        return new EnergyVadConfig(c.marginDb(), c.absoluteThresholdDbfs(), c.minimumFloorDbfs(), c.floorRiseTime(),
                c.floorFallTime(), 1, 0, c.slopeDb());
    }
}
