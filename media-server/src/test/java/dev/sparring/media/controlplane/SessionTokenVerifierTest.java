package dev.sparring.media.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTokenVerifierTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final SessionTokenVerifier verifier = new SessionTokenVerifier(TestTokens.KEY, Clock.fixed(NOW, ZoneOffset.UTC));

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
