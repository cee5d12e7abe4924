package dev.sparring.media.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTokenVerifierTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final SessionTokenVerifier verifier = new SessionTokenVerifier(TestTokens.KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    /** The contract fixture both services test against (docs/contract.md, "Session tokens"). */
    static final Path FIXTURE = Path.of("../config/contract/session-token.json");

    @Test
    void acceptsTheContractFixtureAndYieldsExactlyItsClaims() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
        JsonNode fixture = json.readTree(FIXTURE.toFile());
        Clock at = Clock.fixed(Instant.parse(fixture.path("now").asText()), ZoneOffset.UTC);
        SessionTokenVerifier fixtureVerifier = new SessionTokenVerifier(
                fixture.path("signing_key").asText().getBytes(StandardCharsets.US_ASCII), at);
        Map<?, ?> claims = json.treeToValue(fixture.path("claims"), Map.class);

        SessionToken token = fixtureVerifier.verify(Optional.of(fixture.path("token").asText()),
                fixture.path("claims").path("channel").asText());

        Map<String, Object> yielded = new LinkedHashMap<>();
        yielded.put("call_id", token.callId());
        yielded.put("org_id", token.orgId());
        yielded.put("scenario_id", token.scenarioId());
        yielded.put("channel", token.channel());
        token.script().ifPresent(script -> yielded.put("script", script));
        yielded.put("exp", token.expiresAt().getEpochSecond());
        yielded.put("jti", token.jti());
        assertThat(yielded).isEqualTo(claims);
    }

    @Test
    void acceptsAValidTokenOnce() {
        String token = TestTokens.mint("call-1", "org-1", NOW.plusSeconds(300));
        SessionToken parsed = verifier.verify(Optional.of(token), "twilio");
        assertThat(parsed.callId()).isEqualTo("call-1");
        assertThat(parsed.orgId()).isEqualTo("org-1");
        assertThat(parsed.scenarioId()).isEqualTo("refinance-rate-shopper");
        assertThat(parsed.expiresAt()).isEqualTo(NOW.plusSeconds(300));

        assertRejected(token, TokenRejection.REUSED);
    }

    @Test
    void rejectsExpiredForgedWrongChannelMalformedAndMissing() {
        assertRejected(TestTokens.mint("c", "o", NOW), TokenRejection.EXPIRED);
        byte[] otherKey = "another-key-another-key-another-k".getBytes(StandardCharsets.US_ASCII);
        assertRejected(TestTokens.mint(otherKey, "c", "o", "twilio", NOW.plusSeconds(60), "j1"), TokenRejection.FORGED);
        assertRejected(TestTokens.mint(TestTokens.KEY, "c", "o", "webrtc", NOW.plusSeconds(60), "j2"), TokenRejection.WRONG_CHANNEL);
        assertRejected("v2.abc.def", TokenRejection.MALFORMED);
        assertRejected("v1.abc.!!!", TokenRejection.MALFORMED);
        assertThatThrownBy(() -> verifier.verify(Optional.empty(), "twilio"))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.rejection()).isEqualTo(TokenRejection.MISSING));
    }

    @Test
    void forgetsConsumedTokensAfterTheyExpire() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        SessionTokenVerifier v = new SessionTokenVerifier(TestTokens.KEY, moving);
        for (int i = 0; i < 100; i++) {
            v.verify(Optional.of(TestTokens.mint(TestTokens.KEY, "c" + i, "o", "twilio", NOW.plusSeconds(60), "j" + i)), "twilio");
        }
        assertThat(v.rememberedTokens()).isEqualTo(100);
        now[0] = NOW.plusSeconds(120);
        v.verify(Optional.of(TestTokens.mint(TestTokens.KEY, "late", "o", "twilio", NOW.plusSeconds(600), "late")), "twilio");
        assertThat(v.rememberedTokens()).isEqualTo(1);
    }

    private void assertRejected(String token, TokenRejection expected) {
        assertThatThrownBy(() -> verifier.verify(Optional.of(token), "twilio"))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.rejection()).isEqualTo(expected));
    }
}
