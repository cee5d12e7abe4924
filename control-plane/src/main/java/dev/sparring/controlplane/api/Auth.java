package dev.sparring.controlplane.api;

import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.Filter;
import dev.sparring.controlplane.http.ProblemException;
import dev.sparring.controlplane.tenancy.ApiKeyRepository;
import dev.sparring.controlplane.tenancy.Principal;
import dev.sparring.controlplane.tenancy.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Authentication filters: per-organisation API keys for users, the shared service key for the media server. */
public final class Auth {
    private Auth() {
    }

    /** Marks a request authenticated with the service key. */
    public record Service() {
    }

    public static Filter apiKey(ApiKeyRepository keys) {
        return exchange -> {
            String key = bearer(exchange).orElseThrow(() -> ProblemException.unauthorized(
                    "send an API key as 'Authorization: Bearer <key>'"));
            Principal principal = keys.authenticate(key).orElseThrow(() -> ProblemException.unauthorized(
                    "the API key is unknown or revoked"));
            exchange.attach(Principal.class, principal);
        };
    }

    public static Filter serviceKey(String serviceKey) {
        byte[] expected = serviceKey.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            String key = bearer(exchange).orElseThrow(() -> ProblemException.unauthorized(
                    "internal endpoints need the service key as 'Authorization: Bearer <key>'"));
            if (!MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8))) {
                throw ProblemException.unauthorized("the service key does not match");
            }
            exchange.attach(Service.class, new Service());
        };
    }

    /** The authenticated user; only valid behind {@link #apiKey}. */
    public static Principal principal(Exchange exchange) {
        return exchange.attribute(Principal.class).orElseThrow(() -> new IllegalStateException("route is not behind Auth.apiKey"));
    }

    /** Reps see their own calls; coaches and admins see every call of their organisation. */
    public static boolean seesAllCalls(Principal principal) {
        return principal.role() != Role.REP;
    }

    public static void requireRole(Principal principal, Role... allowed) {
        for (Role role : allowed) {
            if (principal.role() == role) {
                return;
            }
        }
        throw ProblemException.forbidden("this needs the role " + java.util.Arrays.toString(allowed)
                .toLowerCase(java.util.Locale.ROOT) + "; the API key belongs to a " + principal.role().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static Optional<String> bearer(Exchange exchange) {
        return exchange.header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }
}
