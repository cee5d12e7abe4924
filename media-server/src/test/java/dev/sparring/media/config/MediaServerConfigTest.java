package dev.sparring.media.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void environmentThenSystemPropertiesOverride() {
        Properties sys = new Properties();
        sys.setProperty("sparring.http-port", "9100");
        MediaServerConfig c = MediaServerConfig.load(Map.of(
                "SPARRING_HTTP_PORT", "9000",
                "SPARRING_SILENCE_TIMEOUT", "90s",
                "SPARRING_PUBLIC_URL", "wss://media.example.com/",
                "TWILIO_AUTH_TOKEN", "abc"), sys);
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.silenceTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.twilioAuthToken()).isEqualTo(Optional.of("abc"));
        assertThat(c.twilioStreamUrl()).isEqualTo("wss://media.example.com/twilio/stream");
        assertThat(MediaServerConfig.envName("max-concurrent-calls-per-org")).isEqualTo("SPARRING_MAX_CONCURRENT_CALLS_PER_ORG");
    }

    @Test
    void invalidValuesNameTheOffendingKey() {
        assertInvalid("SPARRING_HTTP_PORT", "eighty", "http-port");
        assertInvalid("SPARRING_EVENT_BATCH_INTERVAL", "2s", "event-batch-interval");
        assertInvalid("SPARRING_MAX_CALL_DURATION", "30 minutes", "max-call-duration");
        assertInvalid("SPARRING_OUTBOX_CAP", "lots", "outbox-cap");
        assertInvalid("SPARRING_PUBLIC_URL", "http://x", "public-url");
        assertInvalid("SPARRING_CONTROL_PLANE_URL", "not a url", "control-plane-url");
        assertInvalid("SPARRING_TLS_CERT", "/etc/cert.pem", "tls-key");
    }

    private static void assertInvalid(String env, String value, String key) {
        assertThatThrownBy(() -> MediaServerConfig.load(Map.of(env, value), new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
