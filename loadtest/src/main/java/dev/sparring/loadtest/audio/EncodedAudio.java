package dev.sparring.loadtest.audio;

import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.loadtest.playback.PlaybackConfig;
import dev.sparring.loadtest.playback.VoiceDetector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Caller audio ready for the wire: μ-law 8 kHz, cut into 20 ms frames whose base64 text is computed
 * once, so sending a {@code media} message costs no encoding (the last frame is padded with μ-law
 * silence). Immutable and shared between calls.
 */
public final class EncodedAudio {

    /** μ-law bytes in one 20 ms frame at 8 kHz. */
    public static final int FRAME_BYTES = 160;

    /** One frame of μ-law digital silence, base64: what the caller sends while it says nothing. */
    public static final String SILENCE_FRAME_BASE64;

    static {
        byte[] silence = new byte[FRAME_BYTES];
        Arrays.fill(silence, MuLaw.SILENCE);
        SILENCE_FRAME_BASE64 = Base64.getEncoder().encodeToString(silence);
    }

    /** Speech level for {@link #firstVoicedFrame()}: the playback default (RMS 400, about -38 dBFS). */
    private static final VoiceDetector DETECTOR = new VoiceDetector(PlaybackConfig.DEFAULTS.speechRmsThreshold());

    private final byte[] mulaw;
    private final String[] framesBase64;
    private final int firstVoiced;
    private final int lastVoiced;

    private EncodedAudio(byte[] mulaw) {
        this.mulaw = mulaw;
        int frames = (mulaw.length + FRAME_BYTES - 1) / FRAME_BYTES;
        this.framesBase64 = new String[frames];
        byte[] frame = new byte[FRAME_BYTES];
        Base64.Encoder encoder = Base64.getEncoder();
        for (int i = 0; i < frames; i++) {
            int from = i * FRAME_BYTES;
            int length = Math.min(FRAME_BYTES, mulaw.length - from);
            Arrays.fill(frame, MuLaw.SILENCE);
            System.arraycopy(mulaw, from, frame, 0, length);
            framesBase64[i] = encoder.encodeToString(frame);
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < frames; i++) {
            int from = i * FRAME_BYTES;
            if (DETECTOR.voiced(mulaw, from, Math.min(FRAME_BYTES, mulaw.length - from))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        this.firstVoiced = Math.max(first, 0);
        this.lastVoiced = last < 0 ? frames - 1 : last;
    }

    /** @return the first frame holding speech (0 when none does): where the rep's speech starts */
    public int firstVoicedFrame() {
        return firstVoiced;
    }

    /** @return the last frame holding speech (the last frame when none does): where it ends */
    public int lastVoicedFrame() {
        return lastVoiced;
    }

    /** @param mulaw μ-law 8 kHz mono bytes; copied */
    public static EncodedAudio ofMulaw(byte[] mulaw) {
        if (mulaw.length == 0) {
            throw new IllegalArgumentException("rep audio must not be empty");
        }
        return new EncodedAudio(mulaw.clone());
    }

    /**
     * Converts PCM audio at any rate and channel count to μ-law 8 kHz mono, once.
     *
     * @param audio decoded audio
     * @return the encoded audio
     */
    public static EncodedAudio fromPcm(PcmAudio audio) {
        PcmAudio mono = audio.toMono();
        short[] samples = mono.samples();
        if (mono.sampleRate() != 8_000) {
            Resampler resampler = Resampler.create(mono.sampleRate(), 8_000);
            short[] body = resampler.process(samples);
            short[] tail = new short[resampler.flushLength()];
            int tailLength = resampler.flush(tail, 0);
            samples = Arrays.copyOf(body, body.length + tailLength);
            System.arraycopy(tail, 0, samples, body.length, tailLength);
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("rep audio must not be empty");
        }
        return new EncodedAudio(MuLaw.encode(samples));
    }

    /** @return the number of 20 ms frames */
    public int frames() {
        return framesBase64.length;
    }

    /** @return frame {@code index} as base64 μ-law, 160 bytes */
    public String frameBase64(int index) {
        return framesBase64[index];
    }

    /** @return the audio's length (the exact sample count, not rounded to frames) */
    public Duration duration() {
        return Duration.ofNanos(mulaw.length * 125_000L);
    }

    /** @return a copy of the μ-law bytes */
    public byte[] mulaw() {
        return mulaw.clone();
    }
}
