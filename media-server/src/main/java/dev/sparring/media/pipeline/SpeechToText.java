package dev.sparring.media.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * A streaming speech recogniser. One {@link Stream} per call; it never sees frames.
 * Listener methods may be called on any thread (the pipeline re-enters its call executor).
 */
public interface SpeechToText {

    /** Opens a recognition stream for one call. */
    Stream open(Listener listener);

    /** The encoding {@link Stream#sendAudio} expects (the pipeline transcodes at most once). */
    AudioEncoding inputEncoding();

    /** One call's audio going in. Called only on the call's executor. */
    interface Stream {
        /** 20 ms of caller audio in {@link #inputEncoding()}. */
        void sendAudio(byte[] audio);

        /** Flushes what was heard so far and releases the stream; no callbacks after it returns. */
        void close();
    }

    /**
     * A stream that can be told to finalise now and can close without losing its last results
     * (Deepgram's {@code Finalize} and {@code CloseStream}). The pipeline checks for it with
     * {@code instanceof}; recognisers without these controls simply do not implement it.
     */
    interface Finalizing extends Stream {
        /**
         * Asks the recogniser to turn what it heard so far into a final result now instead of
         * waiting for its own endpointing: at the rep's end of turn and on a barge-in. Non-blocking.
         */
        void finalizeNow();

        /**
         * Starts closing: no more audio is accepted, but results still flow to the listener until the
         * returned future completes, which happens after the last result was delivered (or the
         * recogniser gave up). Non-blocking; {@link #close()} afterwards drops anything later.
         */
        CompletableFuture<Void> closeGracefully();
    }

    /** Transcripts and turn signals coming out. */
    interface Listener {
        /** A partial hypothesis for the current speech; may change. */
        void onInterim(Transcript transcript);

        /** A final transcript for a stretch of speech. */
        void onFinal(Transcript transcript);

        /** The recogniser believes the speaker finished their turn ({@code speech_final}, {@code UtteranceEnd}). */
        void onEndOfSpeech();

        void onError(ProviderException error);
    }

    /**
     * @param recognised false when the recogniser cannot know the words (e.g. replay without a
     *                   script): the text is then empty and only the timing is real
     */
    record Transcript(String text, boolean recognised) {
        public static Transcript unrecognised() {
            return new Transcript("", false);
        }
    }
}
