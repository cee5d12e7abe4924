package dev.sparring.media.providers.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.CallEventSink;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.PipelineException;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.TextToSpeech;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FailoverTest {
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final CallEventSink sink = (type, data) -> events.add(Map.of("type", type, "data", data));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FailoverEvents failures = new FailoverEvents(sink, registry);

    private List<Object> actions() {
        return events.stream().map(e -> (Object) ((Map<?, ?>) e.get("data")).get("action")).toList();
    }

    private static final LanguageModel.Request REQUEST = new LanguageModel.Request("You are Jordan.",
            List.of(LanguageModel.Message.user("What rate were you quoted?", true)), List.of(), Optional.empty());

    /** A model whose attempts follow a script: each entry drives one generate() call. */
    private static final class ScriptedModel implements LanguageModel {
        final Deque<Consumer<Listener>> attempts = new ArrayDeque<>();
        int calls;
        int cancels;

        @Override
        public Generation generate(Request request, Listener listener) {
            calls++;
            attempts.poll().accept(listener);
            return () -> cancels++;
        }
    }

    private static final class Collector implements LanguageModel.Listener {
        final StringBuilder text = new StringBuilder();
        int completions;
        final List<ProviderException> errors = new ArrayList<>();

        @Override
        public void onToken(String t) {
            text.append(t);
        }

        @Override
        public void onComplete() {
            completions++;
        }

        @Override
        public void onError(ProviderException error) {
            errors.add(error);
        }
    }

    private static ProviderException error(boolean retryable) {
        return new ProviderException("openai", retryable ? "rate-limited" : "unauthorized", "HTTP " + (retryable ? 429 : 401), retryable);
    }

    @Test
    void aRetryableFailureBeforeTheFirstTokenIsRetriedOnce() {
        ScriptedModel model = new ScriptedModel();
        model.attempts.add(l -> l.onError(error(true)));
        model.attempts.add(l -> {
            l.onToken("About ");
            l.onToken("six percent.");
            l.onComplete();
        });
        Collector out = new Collector();
        new RetryingLanguageModel(model, "Sorry, say that again?", failures).generate(REQUEST, out);
        assertThat(model.calls).isEqualTo(2);
        assertThat(out.text).hasToString("About six percent.");
        assertThat(out.completions).isEqualTo(1);
        assertThat(out.errors).isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("type")).isEqualTo("provider.error");
            Map<?, ?> data = (Map<?, ?>) e.get("data");
            assertThat(data.get("action")).isEqualTo("retried");
            assertThat(data.get("provider")).isEqualTo("openai");
        });
        assertThat(registry.get("sparring.provider.failovers").tag("action", "retried").counter().count()).isEqualTo(1);
    }

    @Test
    void aSecondFailureOrAFatalOneIsAnsweredInCharacter() {
        ScriptedModel model = new ScriptedModel();
        model.attempts.add(l -> l.onError(error(true)));
        model.attempts.add(l -> l.onError(error(true)));
        Collector out = new Collector();
        new RetryingLanguageModel(model, "Sorry, you cut out there. Say that again?", failures).generate(REQUEST, out);
        assertThat(out.text).hasToString("Sorry, you cut out there. Say that again?");
        assertThat(out.completions).isEqualTo(1);
        assertThat(actions()).containsExactly("retried", "fallback-line");

        events.clear();
        ScriptedModel fatal = new ScriptedModel();
        fatal.attempts.add(l -> l.onError(error(false)));
        Collector out2 = new Collector();
        new RetryingLanguageModel(fatal, "Sorry?", failures).generate(REQUEST, out2);
        assertThat(fatal.calls).isEqualTo(1);                    // a 401 is not retried
        assertThat(out2.text).hasToString("Sorry?");
        assertThat(actions()).containsExactly("fallback-line");
    }

    @Test
    void aFailureAfterTokensEndsTheReplyWithWhatWasSaid() {
        ScriptedModel model = new ScriptedModel();
        model.attempts.add(l -> {
            l.onToken("Well, ");
            l.onError(error(true));
        });
        Collector out = new Collector();
        new RetryingLanguageModel(model, "Sorry?", failures).generate(REQUEST, out);
        assertThat(model.calls).isEqualTo(1);
        assertThat(out.text).hasToString("Well, ");
        assertThat(out.completions).isEqualTo(1);
        assertThat(actions()).containsExactly("gave-up");
    }

    @Test
    void cancellingStopsEverythingAndReachesTheRunningAttempt() {
        ScriptedModel model = new ScriptedModel();
        LanguageModel.Listener[] held = new LanguageModel.Listener[1];
        model.attempts.add(l -> held[0] = l);
        Collector out = new Collector();
        LanguageModel.Generation generation = new RetryingLanguageModel(model, "Sorry?", failures).generate(REQUEST, out);
        generation.cancel();
        generation.cancel();
        held[0].onToken("late");
        held[0].onError(error(true));
        assertThat(model.cancels).isEqualTo(1);
        assertThat(model.calls).isEqualTo(1);
        assertThat(out.text).isEmpty();
        assertThat(out.completions).isZero();
        assertThat(events).isEmpty();
    }

    /** A voice that plays or fails as told. */
    private static final class ScriptedVoice implements TextToSpeech {
        final AudioEncoding encoding;
        final Deque<Consumer<Listener>> syntheses = new ArrayDeque<>();
        final List<String> texts = new ArrayList<>();
        int cancels;

        ScriptedVoice(AudioEncoding encoding) {
            this.encoding = encoding;
        }

        @Override
        public Synthesis synthesize(String text, String voice, Listener listener) {
            texts.add(voice + ":" + text);
            syntheses.poll().accept(listener);
            return () -> cancels++;
        }

        @Override
        public AudioEncoding outputEncoding() {
            return encoding;
        }
    }

    private static final class Audio implements TextToSpeech.Listener {
        final List<byte[]> chunks = new ArrayList<>();
        int completions;
        final List<ProviderException> errors = new ArrayList<>();

        @Override
        public void onAudio(byte[] audio) {
            chunks.add(audio);
        }

        @Override
        public void onComplete() {
            completions++;
        }

        @Override
        public void onError(ProviderException error) {
            errors.add(error);
        }
    }

    @Test
    void aVoiceThatFailsBeforeItsFirstAudioIsReplacedByTheLocalVoiceForThatTurn() {
        ScriptedVoice cloud = new ScriptedVoice(AudioEncoding.PCM16_16K);
        ScriptedVoice local = new ScriptedVoice(AudioEncoding.PCM16_16K);
        cloud.syntheses.add(l -> l.onError(new ProviderException("elevenlabs", "timeout", "no audio in 5 s", true)));
        local.syntheses.add(l -> {
            l.onAudio(new byte[] {1, 2});
            l.onComplete();
        });
        Audio out = new Audio();
        new FallbackTextToSpeech(cloud, local, "kevin16", failures).synthesize("Hello there.", "rachel", out);
        assertThat(local.texts).containsExactly("kevin16:Hello there.");
        assertThat(out.chunks).hasSize(1);
        assertThat(out.completions).isEqualTo(1);
        assertThat(actions()).containsExactly("fallback-tts");
    }

    @Test
    void aVoiceThatFailsPartWayEndsWithWhatWasHeardAndCancelReachesTheFallback() {
        ScriptedVoice cloud = new ScriptedVoice(AudioEncoding.PCM16_16K);
        ScriptedVoice local = new ScriptedVoice(AudioEncoding.PCM16_16K);
        cloud.syntheses.add(l -> {
            l.onAudio(new byte[] {1});
            l.onError(new ProviderException("elevenlabs", "dropped", "connection reset", true));
        });
        Audio out = new Audio();
        new FallbackTextToSpeech(cloud, local, "kevin16", failures).synthesize("Hello.", "rachel", out);
        assertThat(local.texts).isEmpty();
        assertThat(out.completions).isEqualTo(1);

        ScriptedVoice cloud2 = new ScriptedVoice(AudioEncoding.PCM16_16K);
        cloud2.syntheses.add(l -> l.onError(new ProviderException("elevenlabs", "timeout", "slow", true)));
        local.syntheses.add(l -> { });
        TextToSpeech.Synthesis synthesis = new FallbackTextToSpeech(cloud2, local, "kevin16", failures)
                .synthesize("Again.", "rachel", new Audio());
        synthesis.cancel();
        assertThat(local.cancels).isEqualTo(1);

        assertThatThrownBy(() -> new FallbackTextToSpeech(new ScriptedVoice(AudioEncoding.MULAW_8K), local, "kevin16", failures))
                .isInstanceOf(PipelineException.class).hasMessageContaining("MULAW_8K");
    }
}
