package dev.sparring.loadtest.playback;

import dev.sparring.codecs.g711.MuLaw;
import java.util.Arrays;

/** μ-law test signals at 8 kHz: a speech-level tone and digital silence. */
public final class Tones {

    private Tones() {
    }

    /** A 300 Hz tone at amplitude 6000 (RMS ≈ 4200, well above the 400 threshold). */
    public static byte[] voiced(int millis) {
        short[] pcm = new short[millis * 8];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        return MuLaw.encode(pcm);
    }

    public static byte[] silence(int millis) {
        byte[] out = new byte[millis * 8];
        Arrays.fill(out, MuLaw.SILENCE);
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
