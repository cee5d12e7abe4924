package dev.sparring.media.providers.scripted;

import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.session.Persona;
import dev.sparring.media.pipeline.session.Rubric;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An offline {@link LanguageModel} that plays the scenario from persona and rubric data
 * ({@link ScriptedReplyPolicy}) and streams the reply word by word like a real LLM.
 * Stateless across requests; tokens are emitted on {@code callbacks} (a direct executor is fine:
 * choosing a line is microseconds of work).
 */
public final class ScriptedPersona implements LanguageModel {
    private final ScriptedReplyPolicy policy;
    private final Executor callbacks;

    public ScriptedPersona(Persona persona, Rubric rubric, TopicKeywords topics, Executor callbacks) {
        this.policy = new ScriptedReplyPolicy(persona, rubric, topics);
        this.callbacks = callbacks;
    }

    @Override
    public Generation generate(Request request, Listener listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        callbacks.execute(() -> {
            String text = policy.reply(request);
            String[] words = text.split(" ");
            for (int i = 0; i < words.length && !cancelled.get(); i++) {
                listener.onToken(i == 0 ? words[i] : " " + words[i]);
            }
            if (!cancelled.get()) {
                listener.onComplete();
            }
        });
        return () -> cancelled.set(true);
    }
}
