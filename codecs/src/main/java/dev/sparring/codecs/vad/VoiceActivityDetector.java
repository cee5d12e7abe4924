package dev.sparring.codecs.vad;

import dev.sparring.codecs.AudioFormat;

/**
 * Classifies consecutive frames of {@link AudioFormat#CANONICAL canonical} audio (PCM16 mono
 * 16 kHz, 20 ms = 320 samples) as speech or not. Implementations keep state across frames
 * (noise estimates, onset and hangover counters), so one instance serves one audio stream and is
 * touched by one thread at a time.
 */
public interface VoiceActivityDetector {

    /** @return the frame length in samples that {@link #process} expects (320) */
    default int frameSamples() {
        return AudioFormat.CANONICAL.frameSamples();
    }

    /**
     * Classifies the next frame of the stream.
     *
     * @param samples array holding the frame
     * @param offset index of the frame's first sample; {@link #frameSamples()} samples are read
     * @return the verdict for this frame
     * @throws IndexOutOfBoundsException if the frame lies outside the array
     */
    VadResult process(short[] samples, int offset);

    /** Forgets all state, as at the start of a new stream. */
    void reset();
}
