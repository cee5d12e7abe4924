package dev.sparring.media.pipeline;

/**
 * A streaming speech synthesiser. Listener methods may be called on any thread.
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
}
