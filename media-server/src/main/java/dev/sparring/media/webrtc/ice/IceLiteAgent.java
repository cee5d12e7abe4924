package dev.sparring.media.webrtc.ice;

import dev.sparring.media.webrtc.stun.StunAttributeType;
import dev.sparring.media.webrtc.stun.StunClass;
import dev.sparring.media.webrtc.stun.StunErrorCode;
import dev.sparring.media.webrtc.stun.StunMessage;
import dev.sparring.media.webrtc.stun.StunResponses;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE-lite side (RFC 8445 §2.5, §7.3) of one peer connection: it answers the peer's Binding
 * requests, remembers which remote addresses passed a check, which one the peer nominated, and when
 * consent (RFC 7675) was last refreshed. It never sends requests and is always the controlled agent.
 *
 * <p>Failure handling follows RFC 8489 §9.1.3 and RFC 8445 §7.3: a message without a valid
 * FINGERPRINT is not treated as STUN and is dropped silently; a request without USERNAME or
 * MESSAGE-INTEGRITY is answered 400; a wrong username or a MESSAGE-INTEGRITY that does not verify
 * with the local password is answered 401 (without integrity, since the sender is not
 * authenticated); unknown comprehension-required attributes are answered 420; a peer that also
 * claims the controlled role is answered 487. None of these validate the sender's address.
 *
 * <p>Not thread-safe: it owns its validated-address table and counters and must be touched by one
 * thread at a time (the peer's event loop). It holds no I/O resources.
 */
public final class IceLiteAgent {
    private static final Logger log = LoggerFactory.getLogger(IceLiteAgent.class);

    private final IceCredentials local;
    private final IceCredentials remote;
    private final String expectedUsername;
    private final byte[] integrityKey;
    private final Clock clock;
    private final IceSettings settings;
    // Insertion order is refreshed on every check, so the first entry is the least recently checked.
    private final LinkedHashMap<InetSocketAddress, Long> validated = new LinkedHashMap<>();
    private Optional<InetSocketAddress> nominated = Optional.empty();
    private Optional<InetSocketAddress> lastValidated = Optional.empty();
    private long lastValidCheckMillis;
    private long successes;
    private long nominations;
    private final EnumMap<IceProblem, Long> problems = new EnumMap<>(IceProblem.class);

    /**
     * @param local our credentials, sent in the answer
     * @param remote the peer's credentials from its offer; a lite agent sends no checks, so only the
     *     ufrag is used (to check the USERNAME of incoming requests)
     * @param clock time source for check timestamps; consent runs from construction until the first check
     */
    public IceLiteAgent(IceCredentials local, IceCredentials remote, Clock clock, IceSettings settings) {
        this.local = local;
        this.remote = remote;
        this.expectedUsername = IceUsername.expected(local.ufrag(), remote.ufrag());
        this.integrityKey = local.password().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.settings = settings;
        this.lastValidCheckMillis = clock.millis();
    }

    public IceCredentials localCredentials() {
        return local;
    }

    public IceCredentials remoteCredentials() {
        return remote;
    }

    /** Handles one STUN message received from {@code from} on the media port. */
    public IceResult onStun(StunMessage msg, InetSocketAddress from) {
        if (msg.messageClass() != StunClass.REQUEST) {
            return drop(IceProblem.NOT_A_REQUEST, "STUN " + msg.messageClass() + " from " + from + " ignored");
        }
        if (!msg.has(StunAttributeType.FINGERPRINT)) {
            return drop(IceProblem.MISSING_FINGERPRINT, "request from " + from + " has no FINGERPRINT");
        }
        if (!msg.verifyFingerprint()) {
            return drop(IceProblem.BAD_FINGERPRINT, "request from " + from + " has a wrong FINGERPRINT");
        }
        if (msg.method() != StunMessage.BINDING) {
            return reject(msg, StunErrorCode.BAD_REQUEST, false, IceProblem.UNSUPPORTED_METHOD,
                    String.format("method 0x%03x is not Binding", msg.method()));
        }
        Optional<String> username = msg.username();
        if (username.isEmpty() || !msg.has(StunAttributeType.MESSAGE_INTEGRITY)) {
            return reject(msg, StunErrorCode.BAD_REQUEST, false, IceProblem.MISSING_CREDENTIALS,
                    "request from " + from + " lacks USERNAME or MESSAGE-INTEGRITY");
        }
        if (!username.get().equals(expectedUsername)) {
            return reject(msg, StunErrorCode.UNAUTHORIZED, false, IceProblem.WRONG_USERNAME,
                    "USERNAME '" + username.get() + "' from " + from + " is not '" + expectedUsername + "'");
        }
        if (!msg.verifyMessageIntegrity(integrityKey)) {
            return reject(msg, StunErrorCode.UNAUTHORIZED, false, IceProblem.BAD_INTEGRITY,
                    "MESSAGE-INTEGRITY from " + from + " does not verify with the local password");
        }
        if (!msg.unknownComprehensionRequired().isEmpty()) {
            return reject(msg, StunErrorCode.UNKNOWN_ATTRIBUTE, true, IceProblem.UNKNOWN_ATTRIBUTES,
                    "request from " + from + " has unknown attributes " + hex(msg.unknownComprehensionRequired()));
        }
        if (msg.iceControlled().isPresent()) {
            // A lite agent is always controlled (RFC 8445 §6.1.1), so it can never switch roles:
            // §7.3.1.1 leaves the controlled agent that wins nothing but 487.
            return reject(msg, StunErrorCode.ROLE_CONFLICT, true, IceProblem.ROLE_CONFLICT,
                    "peer at " + from + " claims the controlled role too");
        }
        accept(from, msg.useCandidate());
        return new IceResult.Respond(StunResponses.bindingSuccess(msg, from, local.password()));
    }

    private void accept(InetSocketAddress from, boolean useCandidate) {
        long now = clock.millis();
        lastValidCheckMillis = now;
        validated.remove(from);
        validated.put(from, now);
        lastValidated = Optional.of(from);
        successes++;
        if (useCandidate) {
            nominations++;
            if (!nominated.equals(Optional.of(from))) {
                log.info("ICE peer nominated {} (was {})", from, nominated.map(Object::toString).orElse("none"));
                nominated = Optional.of(from);
            }
        }
        evictBeyondLimit();
    }

    private void evictBeyondLimit() {
        Iterator<InetSocketAddress> it = validated.keySet().iterator();
        while (validated.size() > settings.maxValidatedAddresses() && it.hasNext()) {
            InetSocketAddress oldest = it.next();
            if (!nominated.equals(Optional.of(oldest)) && !lastValidated.equals(Optional.of(oldest))) {
                it.remove();
            }
        }
    }

    private IceResult reject(StunMessage msg, int code, boolean authenticated, IceProblem problem, String reason) {
        count(problem);
        log.debug("ICE reject {}: {}", code, reason);
        Optional<String> key = authenticated ? Optional.of(local.password()) : Optional.empty();
        List<Integer> unknown = code == StunErrorCode.UNKNOWN_ATTRIBUTE ? msg.unknownComprehensionRequired() : List.of();
        return new IceResult.Reject(StunResponses.error(msg, code, key, unknown), problem, reason);
    }

    private IceResult drop(IceProblem problem, String reason) {
        count(problem);
        log.debug("ICE drop: {}", reason);
        return new IceResult.Drop(problem, reason);
    }

    private void count(IceProblem problem) {
        problems.merge(problem, 1L, Long::sum);
    }

    /** True when {@code remote} has passed a connectivity check (and has not been forgotten since). */
    public boolean isValidated(InetSocketAddress remote) {
        return validated.containsKey(remote);
    }

    /** The nominated address (the last one sent USE-CANDIDATE), else the most recently validated one. */
    public Optional<InetSocketAddress> selectedAddress() {
        return nominated.or(() -> lastValidated);
    }

    /** True when no valid check arrived for the consent timeout (counted from construction before the first). */
    public boolean consentExpired(long nowMillis) {
        return nowMillis - lastValidCheckMillis >= settings.consentTimeout().toMillis();
    }

    public IceStats stats() {
        return new IceStats(successes, nominations, problems);
    }

    private static String hex(List<Integer> types) {
        StringBuilder sb = new StringBuilder();
        for (int t : types) {
            sb.append(sb.isEmpty() ? "" : ",").append(String.format("0x%04x", t));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "IceLiteAgent[" + expectedUsername + ", selected=" + selectedAddress().map(Object::toString).orElse("none")
                + "]";
    }
}
