package dev.sparring.loadtest.simulators.deepgram;

import dev.sparring.codecs.AudioFormat;
import dev.sparring.codecs.vad.EnergyVad;
import dev.sparring.codecs.vad.EnergyVadConfig;
import dev.sparring.codecs.vad.VadResult;

/**
 * Cuts canonical 16 kHz audio into speech segments with the codecs' energy detector, its hangover
 * set to the request's {@code endpointing}. Times are seconds of audio on this connection.
 *
 * <p>Owns the detector and a partial frame; touched only by the connection's event loop, and calls
 * its {@link Events} synchronously from {@link #accept}.
 */
final class SpeechSegmenter {

    /** What the segmenter observed. */
    interface Events {
        void speechStarted(double start);

        /** Called after each frame of an open segment. */
        void speaking(double start, double now);

        /** @param end the end of the last loud frame; {@code detectedAt} the audio time it was noticed */
        void segmentEnded(double start, double end, double detectedAt);
    }

    private static final double FRAME_SECONDS = AudioFormat.CANONICAL.frameMillis() / 1000.0;

    private final EnergyVad vad;
    private final int onsetFrames;
    private final Events events;
    private final short[] frame = new short[AudioFormat.CANONICAL.frameSamples()];
    private int filled;
    private long frames;
    private boolean speaking;
    private double segmentStart;
    private double lastLoudEnd;

    SpeechSegmenter(int endpointingMs, Events events) {
        EnergyVadConfig d = EnergyVadConfig.DEFAULTS;
        int hangover = Math.max(1, endpointingMs / AudioFormat.CANONICAL.frameMillis());
        this.vad = new EnergyVad(new EnergyVadConfig(d.marginDb(), d.absoluteThresholdDbfs(), d.minimumFloorDbfs(),
                d.floorRiseTime(), d.floorFallTime(), d.onsetFrames(), hangover, d.slopeDb()));
        this.onsetFrames = d.onsetFrames();
        this.events = events;
    }

    void accept(short[] samples) {
        int offset = 0;
        while (offset < samples.length) {
            int take = Math.min(frame.length - filled, samples.length - offset);
            System.arraycopy(samples, offset, frame, filled, take);
            filled += take;
            offset += take;
            if (filled == frame.length) {
                filled = 0;
                onFrame(vad.process(frame, 0));
            }
        }
    }

    /**
     * @param seconds how recent
     * @return true while a segment is open and its last loud frame ended at most this long ago: the
     *     caller is still talking, not in the silence that closes the segment
     */
    boolean voicedWithin(double seconds) {
        return speaking && frames * FRAME_SECONDS - lastLoudEnd <= seconds;
    }

    /** Ends an open segment now (Finalize, CloseStream); the detector then waits for fresh onset. */
    boolean cut() {
        if (!speaking) {
            return false;
        }
        speaking = false;
        vad.reset();
        double now = frames * FRAME_SECONDS;
        events.segmentEnded(segmentStart, Math.max(segmentStart, lastLoudEnd), now);
        return true;
    }

    private void onFrame(VadResult result) {
        frames++;
        double now = frames * FRAME_SECONDS;
        if (result.probability() > 0.5) {
            lastLoudEnd = now;
        }
        if (result.speech() && !speaking) {
            speaking = true;
            segmentStart = Math.max(0, now - onsetFrames * FRAME_SECONDS);
            events.speechStarted(segmentStart);
        } else if (!result.speech() && speaking) {
            speaking = false;
            events.segmentEnded(segmentStart, Math.max(segmentStart, lastLoudEnd), now);
            return;
        }
        if (speaking) {
            events.speaking(segmentStart, now);
        }
    }
}
