package dev.sparring.media.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSecretsTest {
    @TempDir Path data;

    @Test
    void createsBothSecretsOnceAndReadsThemBack() throws Exception {
        SharedSecrets first = SharedSecrets.load(Map.of(), data);
        String line = Files.readString(data.resolve("secrets/service-key")).trim();
        assertThat(Base64.getUrlDecoder().decode(line)).hasSize(32);
        assertThat(line).doesNotContain("=");
        assertThat(first.serviceKey()).isEqualTo(line);
        assertThat(SharedSecrets.load(Map.of(), data)).isEqualTo(first);
        assertThat(first.toString()).doesNotContain(line);
        assertThat(data.resolve("secrets").toFile().list()).containsExactlyInAnyOrder("service-key", "session-signing-key");
    }

    @Test
    void environmentWinsAndNeverOverwritesFiles() throws Exception {
        Files.createDirectories(data.resolve("secrets"));
        Files.writeString(data.resolve("secrets/service-key"), "written-by-the-control-plane-first\n");
        SharedSecrets s = SharedSecrets.load(Map.of(SharedSecrets.SIGNING_KEY_ENV, "from-env"), data);
        assertThat(s.serviceKey()).isEqualTo("written-by-the-control-plane-first");
        assertThat(s.sessionSigningKey()).isEqualTo("from-env".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.exists(data.resolve("secrets/session-signing-key"))).isFalse();
    }
}
