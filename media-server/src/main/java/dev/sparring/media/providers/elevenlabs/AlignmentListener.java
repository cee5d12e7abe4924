package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.TextToSpeech;

/**
 * A {@link TextToSpeech.Listener} that also wants word timings. The ElevenLabs clients check for this
 * interface and, before handing over the audio message they came with, deliver the words it completed.
 * Called on the session's event loop, like the other listener methods.
 */
public interface AlignmentListener extends TextToSpeech.Listener {
    void onWordTimings(WordTimings timings);
}
