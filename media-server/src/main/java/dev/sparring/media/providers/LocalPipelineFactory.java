package dev.sparring.media.providers;

import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.CallPipelineFactory;
import dev.sparring.media.pipeline.CallSession;
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
 * The fully offline pipeline: energy VAD + {@link ReplayRecognizer} + {@link ScriptedPersona} +
 * {@link FreeTtsTextToSpeech}. Call scripts are read once at construction (no file I/O on an
 * event loop). Thread-safe; {@link #create} runs on the new call's executor.
 */
public final class LocalPipelineFactory implements CallPipelineFactory {
    private static final Logger log = LoggerFactory.getLogger(LocalPipelineFactory.class);

    private final PipelineConfig config;
    private final ReplayConfig replay;
    private final FreeTtsTextToSpeech tts;
    private final TopicKeywords topics;
    private final PipelineMetrics metrics;
    private final Map<String, CallScript> scripts = new ConcurrentHashMap<>();

    public LocalPipelineFactory(PipelineConfig config, ReplayConfig replay, FreeTtsTextToSpeech tts,
                                TopicKeywords topics, MeterRegistry registry) {
        this.config = config;
        this.replay = replay;
        this.tts = tts;
        this.topics = topics;
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
        String voice = session.persona().voiceFor("local").orElse(FreeTtsTextToSpeech.DEFAULT_VOICE);
        return new StreamingCallPipeline(ctx, config, new ReplayRecognizer(replay, script),
                new ScriptedPersona(session.persona(), session.scenario().rubric(), topics, Runnable::run),
                tts, voice, metrics);
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
