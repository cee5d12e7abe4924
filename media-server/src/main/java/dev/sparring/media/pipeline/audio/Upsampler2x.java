package dev.sparring.media.pipeline.audio;

/**
 * 8 kHz → 16 kHz by linear interpolation (enough for VAD and recognisers of phone audio).
 * Stateful (keeps the last sample): one per call, touched only by the call's executor.
 */
public final class Upsampler2x {
    private short last;

    public short[] process(short[] input) {
        short[] out = new short[input.length * 2];
        for (int i = 0; i < input.length; i++) {
            out[2 * i] = (short) ((last + input[i]) / 2);
            out[2 * i + 1] = input[i];
            last = input[i];
        }
        return out;
    }
}
