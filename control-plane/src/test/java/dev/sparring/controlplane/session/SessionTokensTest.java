package dev.sparring.controlplane.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
    private static final byte[] KEY = "test-signing-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SessionTokens tokens = new SessionTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void roundTripsEveryClaim() {
        SessionToken token = tokens.newToken(UUID.randomUUID(), UUID.randomUUID(), "refinance-rate-shopper", "twilio",
                Optional.of("refinance-happy-path"));
        SessionToken back = tokens.verify(tokens.encode(token));
        assertThat(back).isEqualTo(token);
        assertThat(back.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void rejectsAnExpiredToken() {
        String encoded = tokens.encode(tokens.newToken(UUID.randomUUID(), UUID.randomUUID(), "s", "twilio", Optional.empty()));
        SessionTokens later = new SessionTokens(KEY, Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC), Duration.ofMinutes(5));
        assertThatThrownBy(() -> later.verify(encoded)).isInstanceOf(SessionTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void rejectsAForgedSignatureAndATamperedPayload() {
        String encoded = tokens.encode(tokens.newToken(UUID.randomUUID(), UUID.randomUUID(), "s", "twilio", Optional.empty()));
        SessionTokens otherKey = new SessionTokens("another-key-0123456789abcdef0000".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
        assertThatThrownBy(() -> otherKey.verify(encoded)).hasMessageContaining("signature does not match");

        String[] parts = encoded.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("twilio", "webrtc");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> tokens.verify(tampered)).hasMessageContaining("signature does not match");
        assertThatThrownBy(() -> tokens.verify("not-a-token")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> tokens.verify("v1.abc.!!!")).hasMessageContaining("malformed");
    }

    /** The contract fixture both services read pins the token format. */
    @Test
    void matchesTheContractFixture() throws Exception {
        JsonNode fixture = new ObjectMapper().readTree(Files.readString(Path.of("../config/contract/session-token.json")));
        SessionTokens fixtureTokens = new SessionTokens(fixture.get("signing_key").asText().getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(Instant.parse(fixture.get("now").asText()), ZoneOffset.UTC), Duration.ofMinutes(5));
        SessionToken claims = fixtureTokens.verify(fixture.get("token").asText());
        assertThat(claims.callId().toString()).isEqualTo(fixture.at("/claims/call_id").asText());
        assertThat(claims.orgId().toString()).isEqualTo(fixture.at("/claims/org_id").asText());
        assertThat(claims.script()).contains(fixture.at("/claims/script").asText());
        assertThat(fixtureTokens.encode(claims)).isEqualTo(fixture.get("token").asText());
    }
}
