package dev.sparring.media.providers;

import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.CallPipelineFactory;
import dev.sparring.media.pipeline.CallSession;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.SpeechToText;
import dev.sparring.media.pipeline.TextToSpeech;
import dev.sparring.media.providers.failover.FailoverEvents;
import dev.sparring.media.providers.failover.FallbackTextToSpeech;
import dev.sparring.media.providers.failover.RetryingLanguageModel;
import dev.sparring.media.pipeline.PipelineConfig;
import dev.sparring.media.pipeline.PipelineMetrics;
import dev.sparring.media.pipeline.StreamingCallPipeline;
import dev.sparring.media.providers.local.FreeTtsTextToSpeech;
import dev.sparring.media.providers.replay.CallScript;
import dev.sparring.media.providers.replay.ReplayConfig;
import dev.sparring.media.providers.replay.ReplayRecognizer;
import dev.sparring.media.providers.scripted.ScriptedPersona;
import dev.sparring.media.providers.scripted.TopicKeywords;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each call's pipeline from the configured providers: Deepgram, OpenAI and ElevenLabs where
 * {@link CloudProviders} enabled them, otherwise the offline ones — {@link ReplayRecognizer},
 * {@link ScriptedPersona} and {@link FreeTtsTextToSpeech}. Cloud parts are wrapped in failover: the
 * model is retried once and then answered in character; a failed streaming voice turn is redone over
 * ElevenLabs' HTTP stream, then by the local voice. Call scripts are read once at construction (no file I/O on an event loop).
 * Thread-safe; {@link #create} runs on the new call's executor.
 */
public final class ConfiguredPipelineFactory implements CallPipelineFactory {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredPipelineFactory.class);

    private final PipelineConfig config;
    private final ReplayConfig replay;
    private final FreeTtsTextToSpeech tts;
    private final TopicKeywords topics;
    private final CloudProviders cloud;
    private final MeterRegistry registry;
    private final PipelineMetrics metrics;
    private final Map<String, CallScript> scripts = new ConcurrentHashMap<>();

    /** Offline only. */
    public ConfiguredPipelineFactory(PipelineConfig config, ReplayConfig replay, FreeTtsTextToSpeech tts,
                                TopicKeywords topics, MeterRegistry registry) {
        this(config, replay, tts, topics, CloudProviders.none(registry), registry);
    }

    public ConfiguredPipelineFactory(PipelineConfig config, ReplayConfig replay, FreeTtsTextToSpeech tts,
                                     TopicKeywords topics, CloudProviders cloud, MeterRegistry registry) {
        this.config = config;
        this.replay = replay;
        this.tts = tts;
        this.topics = topics;
        this.cloud = cloud;
        this.registry = registry;
        this.metrics = new PipelineMetrics(registry);
        loadScripts(replay.scriptsDir());
    }

    @Override
    public CallPipeline create(CallContext ctx) {
        CallSession session = ctx.session();
        Optional<CallScript> script = session.script().flatMap(name -> {
            CallScript found = scripts.get(name);
            if (found == null) {
                log.warn("call {}: call script {} not found in {}; transcripts will be unrecognised",
                        ctx.callId(), name, replay.scriptsDir());
            }
            return Optional.ofNullable(found);
        });
        Optional<dev.sparring.media.providers.openai.realtime.RealtimeModel> realtime = cloud.realtime(ctx);
        if (realtime.isPresent()) {
            return new dev.sparring.media.providers.openai.realtime.RealtimeCallPipeline(ctx, realtime.get(), config.playout());
        }
        String localVoice = session.persona().voiceFor("local").orElse(FreeTtsTextToSpeech.DEFAULT_VOICE);
        FailoverEvents failures = new FailoverEvents(ctx.events(), registry);

        SpeechToText stt = cloud.speechToText(ctx, ctx.transport().encoding(), session.script())
                .orElseGet(() -> new ReplayRecognizer(replay, script));
        LanguageModel llm = cloud.languageModel(ctx)
                .<LanguageModel>map(model -> new RetryingLanguageModel(model, fallbackLine(session), failures))
                .orElseGet(() -> new ScriptedPersona(session.persona(), session.scenario().rubric(), topics, Runnable::run));
        Optional<CloudProviders.CloudVoice> cloudVoice = cloud.textToSpeech(ctx);
        // A failed streaming turn is redone over ElevenLabs' HTTP stream, and if that fails too by the
        // local voice (transcoded to the cloud voice's encoding).
        TextToSpeech voice = cloudVoice.<TextToSpeech>map(v -> new FallbackTextToSpeech(v.session(),
                new FallbackTextToSpeech(v.httpFallback(),
                        dev.sparring.media.pipeline.TranscodedTextToSpeech.to(v.session().outputEncoding(), tts), localVoice, failures),
                session.persona().voiceFor("elevenlabs").orElse("default"), failures)).orElse(tts);
        String voiceName = cloudVoice.isPresent() ? session.persona().voiceFor("elevenlabs").orElse("default") : localVoice;

        CallPipeline pipeline = new StreamingCallPipeline(ctx, config, stt, llm, voice, voiceName, metrics);
        return cloudVoice.<CallPipeline>map(v -> new ClosingCallPipeline(pipeline, v.session())).orElse(pipeline);
    }

    /** What the prospect says when its model cannot answer: the persona's own "say again" line. */
    private static String fallbackLine(CallSession session) {
        return session.persona().reactions().line("unrecognised").orElse("Sorry, you cut out there. Could you say that again?");
    }

    /** Call scripts known to this factory, by name. */
    public Map<String, CallScript> scripts() {
        return Map.copyOf(scripts);
    }

    private void loadScripts(Path dir) {
        if (!Files.isDirectory(dir)) {
            log.info("no call scripts directory {}", dir);
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".yaml")).forEach(f -> {
                String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                scripts.put(name, CallScript.load(dir, name));
            });
            log.info("{} call scripts in {}: {}", scripts.size(), dir, new java.util.TreeSet<>(scripts.keySet()));
        } catch (IOException e) {
            throw new dev.sparring.media.pipeline.PipelineException("cannot list call scripts in " + dir, e);
        }
    }
}
