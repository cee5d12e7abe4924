package dev.sparring.media.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.media.pipeline.PipelineConfig;
import dev.sparring.media.providers.local.FreeTtsConfig;
import dev.sparring.media.providers.replay.ReplayConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MediaServerConfigTest {

    @Test
    void defaultsComeFromTheOnePropertiesFile() {
        MediaServerConfig c = MediaServerConfig.load(Map.of(), new Properties());
        assertThat(c.httpPort()).isEqualTo(8081);
        assertThat(c.publicUrl()).isEqualTo(URI.create("ws://127.0.0.1:8081"));
        assertThat(c.controlPlaneUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.maxCallDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.silenceTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxConcurrentCallsPerOrg()).isEqualTo(50);
        assertThat(c.eventBatchInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.outboxCapBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.drainGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(c.tls()).isEmpty();
        assertThat(c.twilioAuthToken()).isEmpty();
        assertThat(c.twilioStreamUrl()).isEqualTo("ws://127.0.0.1:8081/twilio/stream");
    }

    @Test
    void pipelineAndProviderDefaultsComeFromTheSameFileAndMatchTheRecordsDocumentedDefaults() {
        MediaServerConfig c = MediaServerConfig.load(Map.of(), new Properties());
        assertThat(c.pipeline()).isEqualTo(PipelineConfig.defaults());
        assertThat(c.freeTts()).isEqualTo(FreeTtsConfig.defaults());
        assertThat(c.replay()).isEqualTo(ReplayConfig.defaults());
        assertThat(c.replay().scriptsDir()).isEqualTo(Path.of("./config/scripts"));
        assertThat(c.pipeline().turnTaking().backchannels()).contains("uh-huh", "mm hmm", "got it");
    }

    @Test
    void pipelineSettingsAreOverriddenLikeAnyOther() {
        Properties sys = new Properties();
        sys.setProperty("sparring.playout-lead", "100ms");
        MediaServerConfig c = MediaServerConfig.load(Map.of(
                "SPARRING_MS_END_OF_TURN_SILENCE", "1s",
                "SPARRING_MS_BACKCHANNELS", " Yeah ,uh-huh,, ",
                "SPARRING_MS_FREETTS_CACHE", "1MiB",
                "SPARRING_MS_SCRIPTS_DIR", "/srv/scripts",
                "SPARRING_MS_REPLAY_WORD_DURATION", "250ms"), sys);
        assertThat(c.pipeline().turnTaking().endOfTurnSilenceMs()).isEqualTo(1000);
        assertThat(c.pipeline().turnTaking().backchannels()).containsExactlyInAnyOrder("yeah", "uh-huh");
        assertThat(c.pipeline().playout().leadMs()).isEqualTo(100);
        assertThat(c.freeTts().cacheBytes()).isEqualTo(1024 * 1024);
        assertThat(c.replay().scriptsDir()).isEqualTo(Path.of("/srv/scripts"));
        assertThat(c.replay().msPerWord()).isEqualTo(250);
    }

    @Test
    void theOldUnprefixedVariablesNoLongerApplyButSecretsKeepTheirNames() {
        MediaServerConfig c = MediaServerConfig.load(Map.of("SPARRING_HTTP_PORT", "9000", "TWILIO_AUTH_TOKEN", "t"),
                new Properties());
        assertThat(c.httpPort()).isEqualTo(8081);
        assertThat(c.twilioAuthToken()).contains("t");
    }

    @Test
    void environmentThenSystemPropertiesOverride() {
        Properties sys = new Properties();
        sys.setProperty("sparring.http-port", "9100");
        MediaServerConfig c = MediaServerConfig.load(Map.of(
                "SPARRING_MS_HTTP_PORT", "9000",
                "SPARRING_MS_SILENCE_TIMEOUT", "90s",
                "SPARRING_MS_PUBLIC_URL", "wss://media.example.com/",
                "TWILIO_AUTH_TOKEN", "abc"), sys);
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.silenceTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.twilioAuthToken()).isEqualTo(Optional.of("abc"));
        assertThat(c.twilioStreamUrl()).isEqualTo("wss://media.example.com/twilio/stream");
        assertThat(MediaServerConfig.envName("max-concurrent-calls-per-org")).isEqualTo("SPARRING_MS_MAX_CONCURRENT_CALLS_PER_ORG");
    }

    @Test
    void invalidValuesNameTheOffendingKey() {
        assertInvalid("SPARRING_MS_HTTP_PORT", "eighty", "http-port");
        assertInvalid("SPARRING_MS_EVENT_BATCH_INTERVAL", "2s", "event-batch-interval");
        assertInvalid("SPARRING_MS_MAX_CALL_DURATION", "30 minutes", "max-call-duration");
        assertInvalid("SPARRING_MS_OUTBOX_CAP", "lots", "outbox-cap");
        assertInvalid("SPARRING_MS_PUBLIC_URL", "http://x", "public-url");
        assertInvalid("SPARRING_MS_CONTROL_PLANE_URL", "not a url", "control-plane-url");
        assertInvalid("SPARRING_MS_TLS_CERT", "/etc/cert.pem", "tls-key");
        assertInvalid("SPARRING_MS_END_OF_TURN_SILENCE", "0ms", "end-of-turn-silence");
        assertInvalid("SPARRING_MS_SPEECH_START", "soon", "speech-start");
        assertInvalid("SPARRING_MS_BARGE_IN_MIN_WORDS", "-1", "barge-in-min-words");
        assertInvalid("SPARRING_MS_PLAYOUT_CHUNK", "25ms", "playout-chunk");
        assertInvalid("SPARRING_MS_PLAYOUT_MARK_EVERY", "50ms", "playout-mark-every");
        assertInvalid("SPARRING_MS_PLAYOUT_LEAD", "10ms", "playout-lead");
        assertInvalid("SPARRING_MS_FREETTS_THREADS", "0", "freetts-threads");
        assertInvalid("SPARRING_MS_FREETTS_QUEUE", "0", "freetts-queue");
        assertInvalid("SPARRING_MS_FREETTS_CACHE", "big", "freetts-cache");
        assertInvalid("SPARRING_MS_FREETTS_CHUNK", "5ms", "freetts-chunk");
        assertInvalid("SPARRING_MS_SCRIPTS_DIR", " ", "scripts-dir");
        assertInvalid("SPARRING_MS_REPLAY_HANGOVER", "10ms", "replay-hangover");
        assertInvalid("SPARRING_MS_REPLAY_MIN_SEGMENT", "10ms", "replay-min-segment");
        assertInvalid("SPARRING_MS_REPLAY_INTERIM_EVERY", "10ms", "replay-interim-every");
        assertInvalid("SPARRING_MS_REPLAY_WORD_DURATION", "10ms", "replay-word-duration");
        assertInvalid("SPARRING_MS_REPLAY_BACKCHANNEL_MAX", "10ms", "replay-backchannel-max");
    }

    private static void assertInvalid(String env, String value, String key) {
        assertThatThrownBy(() -> MediaServerConfig.load(Map.of(env, value), new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
