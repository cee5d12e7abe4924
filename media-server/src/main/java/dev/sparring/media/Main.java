package dev.sparring.media;

import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.controlplane.SharedSecrets;
import dev.sparring.media.pipeline.PipelineException;
import dev.sparring.media.providers.CloudProviders;
import dev.sparring.media.providers.ConfiguredPipelineFactory;
import dev.sparring.media.providers.local.FreeTtsTextToSpeech;
import dev.sparring.media.providers.scripted.TopicKeywords;
import dev.sparring.media.server.MediaServer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the media server with config/media-server.properties, the environment and system
 * properties. Each call runs on the pipeline {@link ConfiguredPipelineFactory} builds from the
 * configured providers: Deepgram, OpenAI and ElevenLabs when enabled (see {@link CloudProviders}),
 * otherwise the offline replay recogniser, scripted persona and FreeTTS.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        MediaServerConfig config;
        FreeTtsTextToSpeech tts;
        MediaServer server;
        CloudProviders providers;
        try {
            config = MediaServerConfig.load();
            SharedSecrets secrets = SharedSecrets.load(System.getenv(), config.dataDir());
            tts = new FreeTtsTextToSpeech(config.freeTts());
            java.util.concurrent.atomic.AtomicReference<CloudProviders> cloud = new java.util.concurrent.atomic.AtomicReference<>();
            server = MediaServer.start(config, secrets, registry -> {
                cloud.set(CloudProviders.resolve(config.providers(), System.getenv(), registry));
                cloud.get().decisions().forEach(line -> log.info("provider {}", line));
                return new ConfiguredPipelineFactory(config.pipeline(), config.replay(), tts, TopicKeywords.defaults(),
                        cloud.get(), registry);
            }, Clock.systemUTC());
            providers = cloud.get();
        } catch (MediaServerException | PipelineException e) {
            log.error("media server cannot start: {}", e.getMessage(), e);
            System.exit(2);
            return;
        }
        log.info("health   http://127.0.0.1:{}/health, readiness /ready, Prometheus /metrics", server.port());
        log.info("Twilio   {} (signature checks {})", config.twilioStreamUrl(),
                config.twilioAuthToken().isPresent() ? "on" : "OFF: twilio-auth-token is empty");
        log.info("control plane {} ; this server announces itself as {} ({})", config.controlPlaneUrl(),
                config.internalUrl(), config.serverId());
        log.info("outbox {} (cap {} bytes), data dir {}, call scripts {}", config.outboxDir().toAbsolutePath(),
                config.outboxCapBytes(), config.dataDir().toAbsolutePath(), config.replay().scriptsDir().toAbsolutePath().normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.drain(config.drainGracePeriod());
            providers.close();
            tts.close();
        }, "drain"));
    }
}
