package dev.sparring.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneConfigTest {

    private static Settings load(Optional<Path> file, Map<String, String> env, Properties props) {
        return Settings.load(ControlPlaneConfig.DEFAULTS_RESOURCE, file, ControlPlaneConfig.ENV_PREFIX, env, props);
    }

    @Test
    void bundledDefaultsAreValid() {
        ControlPlaneConfig config = ControlPlaneConfig.from(load(Optional.empty(), Map.of(), new Properties()), Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.sessionTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.mediaStreamUrl()).isEqualTo("ws://127.0.0.1:8081/twilio/stream");
        assertThat(config.twilioAuthToken()).isEmpty();
    }

    @Test
    void fileThenEnvironmentThenSystemPropertiesOverride(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cp.properties");
        Files.writeString(file, "http-port=9000\nheartbeat-timeout=45s\n");
        Properties props = new Properties();
        props.setProperty("heartbeat-timeout", "2m");
        Settings s = load(Optional.of(file), Map.of("SPARRING_CP_HTTP_PORT", "9100"), props);
        ControlPlaneConfig config = ControlPlaneConfig.from(s, Map.of("TWILIO_AUTH_TOKEN", "s3cr3t-auth"));
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.source("http-port")).isEqualTo("environment SPARRING_CP_HTTP_PORT");
        assertThat(config.twilioAuthToken()).contains("s3cr3t-auth");
        assertThat(config.toString()).doesNotContain("s3cr3t-auth");
    }

    @Test
    void errorsNameTheOffendingKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cp.properties");
        Files.writeString(file, "htp-port=9000\n");
        assertThatThrownBy(() -> load(Optional.of(file), Map.of(), new Properties()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'htp-port'");

        Settings bad = load(Optional.empty(), Map.of("SPARRING_CP_HEARTBEAT_TIMEOUT", "soon"), new Properties());
        assertThatThrownBy(() -> ControlPlaneConfig.from(bad, Map.of()))
                .hasMessageContaining("'heartbeat-timeout'").hasMessageContaining("soon");

        Settings badUrl = load(Optional.empty(), Map.of("SPARRING_CP_MEDIA_SERVER_PUBLIC_URL", "http://x"), new Properties());
        assertThatThrownBy(() -> ControlPlaneConfig.from(badUrl, Map.of())).hasMessageContaining("'media-server-public-url'");

        Settings badPort = load(Optional.empty(), Map.of("SPARRING_CP_HTTP_PORT", "70000"), new Properties());
        assertThatThrownBy(() -> ControlPlaneConfig.from(badPort, Map.of())).hasMessageContaining("'http-port'");
    }

    @Test
    void sharedSecretsAreGeneratedOnceAndReused(@TempDir Path dir) {
        SharedSecrets first = SharedSecrets.resolve(dir, Map.of());
        SharedSecrets again = SharedSecrets.resolve(dir, Map.of());
        assertThat(again.serviceKey()).isEqualTo(first.serviceKey()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(again.sessionSigningKey()).isEqualTo(first.sessionSigningKey());
        assertThat(SharedSecrets.resolve(dir, Map.of("SPARRING_SERVICE_KEY", "from-the-environment-1234")).serviceKey())
                .isEqualTo("from-the-environment-1234");
        assertThat(first.toString()).doesNotContain(first.serviceKey());
    }
}
