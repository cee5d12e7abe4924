package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.TextToSpeech;

/**
 * One bot turn streamed into one ElevenLabs context: text is appended as the LLM produces it and
 * flushed at the end, and {@link #cancel()} closes the context ({@code close_context}) without
 * reconnecting. Thread-safe: every method may be called from any thread.
 */
public interface TurnStream extends TextToSpeech.Synthesis {
    /** Adds text to the turn (ElevenLabs buffers it until its chunk schedule or the flush). */
    void append(String text);

    /** Ends the turn's text: {@code "flush": true}; audio completes with {@code onComplete}. */
    void finish();

    /** The {@code context_id} of this turn. */
    String contextId();
}
