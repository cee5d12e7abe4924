package dev.sparring.media.pipeline;

import java.util.List;

/**
 * A streaming speech synthesiser. Listener methods may be called on any thread, but the callbacks
 * of one synthesis never run concurrently.
 *
 * <p>The pipeline plays {@link AudioEncoding#PCM16_16K} from any voice, and a voice whose output
 * is already in the transport's encoding (ElevenLabs {@code ulaw_8000} on a phone call) untouched.
 */
public interface TextToSpeech {

    /** Starts synthesising {@code text} with {@code voice}; audio streams to the listener. */
    Synthesis synthesize(String text, String voice, Listener listener);

    /** The encoding of the audio chunks this synthesiser yields. */
    AudioEncoding outputEncoding();

    /** A running synthesis; cancelling is idempotent. */
    interface Synthesis {
        void cancel();
    }

    interface Listener {
        /** A chunk of audio in {@link #outputEncoding()}; the array is handed over, not reused. */
        void onAudio(byte[] audio);

        void onComplete();

        void onError(ProviderException error);
    }

    /**
     * A listener that also takes word timings (ElevenLabs alignment), so an interrupted reply is cut
     * at the last word the caller heard in full. A synthesiser that knows timings checks for this
     * interface and delivers each word once, no later than the audio message that completes it.
     */
    interface TimedListener extends Listener {
        void onWordTimings(List<WordTiming> words);
    }

    /**
     * A word of one synthesis and where it sits in that synthesis's audio (0 = its first sample).
     *
     * @param text the word as it was sent, punctuation included
     */
    record WordTiming(String text, long startMs, long endMs) {}
}
