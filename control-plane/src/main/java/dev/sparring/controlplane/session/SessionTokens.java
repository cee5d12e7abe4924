package dev.sparring.controlplane.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and verifies {@code v1.<payload>.<signature>} session tokens (docs/contract.md): the payload is
 * base64url JSON, the signature HMAC-SHA256 over {@code v1.<payload>}. Stateless and thread-safe;
 * single use is enforced by the media server, which consumes them.
 */
public final class SessionTokens {

    private static final String VERSION = "v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;
    private final Duration ttl;

    public SessionTokens(byte[] key, Clock clock, Duration ttl) {
        this.key = key.clone();
        this.clock = clock;
        this.ttl = ttl;
    }

    public SessionToken newToken(UUID callId, UUID orgId, String scenarioId, String channel, Optional<String> script) {
        return new SessionToken(callId, orgId, scenarioId, channel, script,
                clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), UUID.randomUUID());
    }

    public String encode(SessionToken token) {
        ObjectNode payload = JSON.createObjectNode()
                .put("call_id", token.callId().toString())
                .put("org_id", token.orgId().toString())
                .put("scenario_id", token.scenarioId())
                .put("channel", token.channel());
        token.script().ifPresent(s -> payload.put("script", s));
        payload.put("exp", token.expiresAt().getEpochSecond()).put("jti", token.jti().toString());
        String body = B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        String signed = VERSION + "." + body;
        return signed + "." + B64.encodeToString(hmac(signed));
    }

    /** Verifies the signature and expiry; throws {@link SessionTokenException} saying what is wrong. */
    public SessionToken verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SessionTokenException("malformed session token");
        }
        byte[] expected = hmac(parts[0] + "." + parts[1]);
        byte[] actual;
        try {
            actual = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SessionTokenException("malformed session token signature");
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new SessionTokenException("session token signature does not match");
        }
        try {
            JsonNode p = JSON.readTree(B64D.decode(parts[1]));
            Instant exp = Instant.ofEpochSecond(p.path("exp").asLong());
            if (!clock.instant().isBefore(exp)) {
                throw new SessionTokenException("session token expired at " + exp);
            }
            return new SessionToken(UUID.fromString(p.path("call_id").asText()),
                    UUID.fromString(p.path("org_id").asText()), p.path("scenario_id").asText(),
                    p.path("channel").asText(),
                    p.hasNonNull("script") ? Optional.of(p.get("script").asText()) : Optional.empty(),
                    exp, UUID.fromString(p.path("jti").asText()));
        } catch (IOException | IllegalArgumentException e) {
            throw new SessionTokenException("malformed session token payload");
        }
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
