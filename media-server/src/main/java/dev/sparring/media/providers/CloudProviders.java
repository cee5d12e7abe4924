package dev.sparring.media.providers;

import dev.sparring.media.config.ConfigException;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.SpeechToText;
import dev.sparring.media.pipeline.TextToSpeech;
import dev.sparring.media.providers.deepgram.DeepgramConfig;
import dev.sparring.media.providers.deepgram.DeepgramSpeechToText;
import dev.sparring.media.providers.elevenlabs.ElevenLabsConfig;
import dev.sparring.media.providers.elevenlabs.ElevenLabsHttpTextToSpeech;
import dev.sparring.media.providers.elevenlabs.ElevenLabsSession;
import dev.sparring.media.providers.elevenlabs.ElevenLabsTextToSpeech;
import dev.sparring.media.providers.elevenlabs.OutputFormat;
import dev.sparring.media.providers.openai.OpenAiConfig;
import dev.sparring.media.providers.openai.OpenAiLanguageModel;
import dev.sparring.media.providers.openai.realtime.OpenAiRealtimeModel;
import dev.sparring.media.providers.openai.realtime.RealtimeConfig;
import dev.sparring.media.providers.openai.realtime.RealtimeModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud providers this server uses, resolved once at startup from {@link ProviderSettings} and
 * the environment, and the per-call clients made from them. A call's clients run on the call's own
 * Netty event loop when it has one, so audio, tokens and the call's state never cross threads; a
 * small shared group serves callers without one. Owns that group; thread-safe.
 */
public final class CloudProviders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CloudProviders.class);

    /** The server's default for each part: "cloud" or the offline provider's name. */
    private record Defaults(String stt, String llm, String tts, String pipeline) {
    }

    private final Optional<DeepgramConfig> deepgram;
    private final Optional<OpenAiConfig> openai;
    private final Optional<ElevenLabsConfig> elevenlabs;
    private final Optional<RealtimeConfig> realtime;
    private final Defaults defaults;
    private final MeterRegistry registry;
    private final EventLoopGroup fallbackGroup;
    private final List<String> decisions;

    private CloudProviders(Optional<DeepgramConfig> deepgram, Optional<OpenAiConfig> openai,
                           Optional<ElevenLabsConfig> elevenlabs, Optional<RealtimeConfig> realtime, Defaults defaults,
                           MeterRegistry registry, List<String> decisions) {
        this.deepgram = deepgram;
        this.openai = openai;
        this.elevenlabs = elevenlabs;
        this.realtime = realtime;
        this.defaults = defaults;
        this.registry = registry;
        this.decisions = List.copyOf(decisions);
        this.fallbackGroup = new MultiThreadIoEventLoopGroup(1,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Resolves each part's default provider and makes every provider whose key is set available to
     * scenarios that ask for it; explains every choice in {@link #decisions()}.
     */
    public static CloudProviders resolve(ProviderSettings settings, Map<String, String> env, MeterRegistry registry) {
        List<String> why = new ArrayList<>();
        Optional<DeepgramConfig> deepgram = apiKey(env, "DEEPGRAM_API_KEY").map(key -> {
            DeepgramConfig d = DeepgramConfig.defaults(key);
            DeepgramConfig c = deepgramModel(new DeepgramConfig(d.apiKey(), d.baseUrl(), d.model(), settings.deepgramLanguage(),
                    d.endpointing(), d.utteranceEnd(), d.smartFormat(), d.connectTimeout(), d.keepAliveInterval(),
                    d.closeTimeout(), d.audioChunk(), d.reconnectBackoff(), d.maxReconnectAttempts(), d.replayLimit()),
                    settings.deepgramModel());
            return baseUrl(env, "DEEPGRAM_BASE_URL").map(c::withBaseUrl).orElse(c);
        });
        Optional<OpenAiConfig> openai = apiKey(env, "OPENAI_API_KEY").map(key -> {
            OpenAiConfig c = OpenAiConfig.defaults(key).withModel(settings.openaiModel());
            return baseUrl(env, "OPENAI_BASE_URL").map(c::withBaseUrl).orElse(c);
        });
        Optional<ElevenLabsConfig> elevenlabs = apiKey(env, "ELEVENLABS_API_KEY").map(key -> {
            ElevenLabsConfig c = ElevenLabsConfig.defaults(key).withModel(settings.elevenlabsModel());
            return baseUrl(env, "ELEVENLABS_BASE_URL").map(c::withBaseUrl).orElse(c);
        });
        Optional<RealtimeConfig> realtime = apiKey(env, "OPENAI_API_KEY").map(key -> {
            RealtimeConfig c = RealtimeConfig.defaults(key).withModel(settings.realtimeModel());
            return baseUrl(env, "OPENAI_BASE_URL").map(c::withBaseUrl).orElse(c);
        });
        Defaults defaults = new Defaults(
                choose("stt-provider", settings.stt(), "deepgram", "replay", "DEEPGRAM_API_KEY", deepgram.isPresent(), why),
                choose("llm-provider", settings.llm(), "openai", "scripted", "OPENAI_API_KEY", openai.isPresent(), why),
                choose("tts-provider", settings.tts(), "elevenlabs", "local", "ELEVENLABS_API_KEY", elevenlabs.isPresent(), why),
                settings.pipeline());
        if (settings.pipeline().equals("realtime")) {
            if (realtime.isEmpty()) {
                throw new ConfigException("pipeline-mode is realtime but OPENAI_API_KEY is not set");
            }
            why.add("pipeline: realtime (pipeline-mode=realtime): OpenAI Realtime speech-to-speech");
        } else {
            why.add("pipeline: cascaded (pipeline-mode=cascaded); scenarios may choose realtime"
                    + (realtime.isPresent() ? "" : " once OPENAI_API_KEY is set"));
        }
        return new CloudProviders(deepgram, openai, elevenlabs, realtime, defaults, registry, why);
    }

    /** Offline only: no cloud provider at all. */
    public static CloudProviders none(MeterRegistry registry) {
        return new CloudProviders(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                new Defaults("replay", "scripted", "local", "cascaded"), registry,
                List.of("stt: replay (offline)", "llm: scripted (offline)", "tts: local (offline)"));
    }

    /** One line per part: which provider and why (for the startup log). */
    public List<String> decisions() {
        return decisions;
    }

    /** Deepgram for this call, tagged with its call script (which the simulator answers from) and call id. */
    public Optional<SpeechToText> speechToText(CallContext ctx, AudioEncoding encoding, Optional<String> script) {
        return chosen(ctx, "stt", defaults.stt(), "deepgram", deepgram).map(config -> {
            List<String> tags = new ArrayList<>();
            script.ifPresent(tags::add);
            tags.add(ctx.callId());
            EventLoopGroup group = groupFor(ctx);
            DeepgramConfig c = model(ctx, "deepgram").map(m -> deepgramModel(config, m)).orElse(config);
            return new DeepgramSpeechToText(c, encoding, group, channelType(group), registry).tagged(tags);
        });
    }

    public Optional<LanguageModel> languageModel(CallContext ctx) {
        return chosen(ctx, "llm", defaults.llm(), "openai", openai)
                .map(config -> new OpenAiLanguageModel(model(ctx, "openai").map(config::withModel).orElse(config),
                        groupFor(ctx), registry));
    }

    /**
     * ElevenLabs for this call: a streaming session (one WebSocket, which the caller closes when the
     * call ends) and the HTTP streaming endpoint as its fallback path.
     */
    public record CloudVoice(ElevenLabsSession session, TextToSpeech httpFallback) {
    }

    public Optional<CloudVoice> textToSpeech(CallContext ctx) {
        return chosen(ctx, "tts", defaults.tts(), "elevenlabs", elevenlabs).map(config -> {
            EventLoopGroup group = groupFor(ctx);
            // A phone call gets μ-law 8 kHz straight from the provider and plays it untranscoded.
            OutputFormat format = ctx.transport().encoding() == AudioEncoding.MULAW_8K ? OutputFormat.ULAW_8000 : OutputFormat.PCM_16000;
            ElevenLabsConfig c = model(ctx, "elevenlabs").map(config::withModel).orElse(config).withOutputFormat(format);
            return new CloudVoice(new ElevenLabsTextToSpeech(c, registry, group, channelType(group)).openSession(),
                    new ElevenLabsHttpTextToSpeech(c, registry, group, channelType(group)));
        });
    }

    /** OpenAI Realtime for this call when the scenario (or the server's pipeline-mode) asks for it. */
    public Optional<RealtimeModel> realtime(CallContext ctx) {
        return chosen(ctx, "pipeline", defaults.pipeline(), "realtime", realtime).map(config -> {
            EventLoopGroup group = groupFor(ctx);
            RealtimeConfig c = model(ctx, "openai_realtime").map(config::withModel).orElse(config);
            return new OpenAiRealtimeModel(c, group, channelType(group), registry);
        });
    }

    /** The persona's own model for a provider, overriding the server's setting. */
    private static Optional<String> model(CallContext ctx, String provider) {
        return ctx.session().persona().modelFor(provider);
    }

    private static DeepgramConfig deepgramModel(DeepgramConfig d, String model) {
        return new DeepgramConfig(d.apiKey(), d.baseUrl(), model, d.language(), d.endpointing(), d.utteranceEnd(),
                d.smartFormat(), d.connectTimeout(), d.keepAliveInterval(), d.closeTimeout(), d.audioChunk(),
                d.reconnectBackoff(), d.maxReconnectAttempts(), d.replayLimit());
    }

    /** The scenario's choice for a part, else the server's default; a cloud choice needs its key. */
    private <T> Optional<T> chosen(CallContext ctx, String part, String serverDefault, String cloudName, Optional<T> config) {
        String choice = ctx.session().scenario().provider(part).orElse(serverDefault);
        if (!choice.equals(cloudName)) {
            return Optional.empty();
        }
        if (config.isEmpty()) {
            log.warn("call {}: scenario {} asks for {} as its {}, but its API key is not set; using the offline provider",
                    ctx.callId(), ctx.session().scenario().id(), cloudName, part);
        }
        return config;
    }

    private EventLoopGroup groupFor(CallContext ctx) {
        return ctx.executor() instanceof IoEventLoopGroup loop ? loop : fallbackGroup;
    }

    private static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The default provider of one part, explained in {@code why}. */
    private static String choose(String key, String setting, String cloud, String offline, String keyVariable,
                                 boolean keySet, List<String> why) {
        String part = key.replace("-provider", "");
        if (setting.equals(cloud)) {
            if (!keySet) {
                throw new ConfigException(key + " is " + cloud + " but " + keyVariable + " is not set");
            }
            why.add(part + ": " + cloud + " (" + key + "=" + cloud + ")");
            return cloud;
        }
        if (setting.equals("auto") && keySet) {
            why.add(part + ": " + cloud + " (" + key + "=auto and " + keyVariable + " is set)");
            return cloud;
        }
        why.add(part + ": " + offline + (setting.equals("auto") ? " (" + key + "=auto and " + keyVariable + " is not set)"
                : " (" + key + "=" + offline + ")"));
        return offline;
    }

    private static Optional<String> apiKey(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::trim).filter(k -> !k.isEmpty());
    }

    private static Optional<URI> baseUrl(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::trim).filter(v -> !v.isEmpty()).map(v -> {
            try {
                URI uri = URI.create(v);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new ConfigException(variable + " is '" + v + "': expected an absolute URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(variable + " is '" + v + "': expected an absolute URL");
            }
        });
    }

    @Override
    public void close() {
        fallbackGroup.shutdownGracefully();
        log.debug("cloud providers closed");
    }
}
