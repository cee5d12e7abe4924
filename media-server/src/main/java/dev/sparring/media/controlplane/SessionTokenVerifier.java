package dev.sparring.media.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code v1.<payload>.<sig>} session tokens: signature, expiry against the injected clock,
 * channel, and single use by {@code jti}.
 *
 * <p>Owns the set of consumed {@code jti}s with their expiry; entries are forgotten once the token
 * has expired (an expired token is refused anyway), so memory is bounded by the tokens minted
 * within one token lifetime. Thread-safe: {@link #verify} is synchronized because event loops of
 * different calls consume tokens concurrently, and it does only microseconds of work.
 */
public final class SessionTokenVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;
    private final Map<String, Instant> consumed = new HashMap<>();
    private Instant nextPurge = Instant.MIN;

    public SessionTokenVerifier(byte[] signingKey, Clock clock) {
        this.key = signingKey.clone();
        this.clock = clock;
    }

    /**
     * Verifies the token and consumes its {@code jti}.
     *
     * @throws TokenRejectedException naming the reason
     */
    public synchronized SessionToken verify(Optional<String> token, String expectedChannel) {
        String value = token.filter(t -> !t.isBlank())
                .orElseThrow(() -> new TokenRejectedException(TokenRejection.MISSING, "no session token"));
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new TokenRejectedException(TokenRejection.MALFORMED, "session token is not v1.<payload>.<sig>");
        }
        byte[] signature;
        try {
            signature = B64.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException(TokenRejection.MALFORMED, "session token signature is not base64url");
        }
        if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), signature)) {
            throw new TokenRejectedException(TokenRejection.FORGED, "session token signature does not match");
        }
        SessionToken parsed = parse(parts[1]);
        Instant now = clock.instant();
        if (!now.isBefore(parsed.expiresAt())) {
            throw new TokenRejectedException(TokenRejection.EXPIRED, "session token expired at " + parsed.expiresAt());
        }
        if (!expectedChannel.equals(parsed.channel())) {
            throw new TokenRejectedException(TokenRejection.WRONG_CHANNEL,
                    "session token is for channel " + parsed.channel() + ", not " + expectedChannel);
        }
        purgeExpired(now);
        if (consumed.putIfAbsent(parsed.jti(), parsed.expiresAt()) != null) {
            throw new TokenRejectedException(TokenRejection.REUSED, "session token " + parsed.jti() + " was already used");
        }
        return parsed;
    }

    /** Number of remembered jtis (for tests and a gauge). */
    public synchronized int rememberedTokens() {
        return consumed.size();
    }

    private void purgeExpired(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        for (Iterator<Instant> it = consumed.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next())) {
                it.remove();
            }
        }
        // Purging every few seconds keeps verification O(1) amortised under a burst of calls.
        nextPurge = now.plusSeconds(5);
    }

    private static SessionToken parse(String payload) {
        try {
            JsonNode p = JSON.readTree(B64.decode(payload));
            String callId = requireText(p, "call_id");
            String orgId = requireText(p, "org_id");
            String jti = requireText(p, "jti");
            if (!p.path("exp").canConvertToLong()) {
                throw new TokenRejectedException(TokenRejection.MALFORMED, "session token has no exp");
            }
            JsonNode script = p.path("script");
            return new SessionToken(callId, orgId, p.path("scenario_id").asText(""), p.path("channel").asText(""),
                    script.isTextual() && !script.asText().isBlank() ? Optional.of(script.asText()) : Optional.empty(),
                    Instant.ofEpochSecond(p.path("exp").asLong()), jti);
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenRejectedException(TokenRejection.MALFORMED, "session token payload is not base64url JSON");
        }
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new TokenRejectedException(TokenRejection.MALFORMED, "session token has no " + field);
        }
        return value.asText();
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new ControlPlaneException("HmacSHA256 is unavailable in this JVM", false, e);
        }
    }
}
