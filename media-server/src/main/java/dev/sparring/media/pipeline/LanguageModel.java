package dev.sparring.media.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * A streaming chat model playing the prospect. Listener methods may be called on any thread.
 */
public interface LanguageModel {

    /** Starts one reply; tokens stream to {@code listener} until complete, error or cancel. */
    Generation generate(Request request, Listener listener);

    /** A running reply; cancelling is idempotent and stops further callbacks as soon as possible. */
    interface Generation {
        void cancel();
    }

    interface Listener {
        void onToken(String text);

        void onComplete();

        void onError(ProviderException error);
    }

    enum Role { USER, ASSISTANT }

    /**
     * One message of the conversation. For the rep ({@link Role#USER}) {@code recognised} is false
     * when the words are unknown; for the prospect the content is what the caller heard.
     */
    record Message(Role role, String content, boolean recognised) {
        public static Message user(String content, boolean recognised) {
            return new Message(Role.USER, content, recognised);
        }

        public static Message assistant(String content) {
            return new Message(Role.ASSISTANT, content, true);
        }
    }

    /**
     * @param systemPrompt the rendered persona prompt
     * @param history      the conversation so far, oldest first; the last message is what to answer
     * @param context      coach context injections, oldest first, to keep in mind from now on
     * @param curveball    a coach curveball the prospect must voice in this reply
     */
    record Request(String systemPrompt, List<Message> history, List<String> context, Optional<String> curveball) {
        public Request {
            history = List.copyOf(history);
            context = List.copyOf(context);
        }
    }
}
