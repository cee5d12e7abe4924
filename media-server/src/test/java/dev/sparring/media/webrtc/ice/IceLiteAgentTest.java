package dev.sparring.media.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.media.webrtc.stun.StunAttributeType;
import dev.sparring.media.webrtc.stun.StunClass;
import dev.sparring.media.webrtc.stun.StunErrorCode;
import dev.sparring.media.webrtc.stun.StunMessage;
import dev.sparring.media.webrtc.stun.StunMessageBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IceLiteAgentTest {
    static final IceCredentials LOCAL = new IceCredentials("srv1", "serverpassword0123456789");
    // Chromium-style: 4-char ufrag, 24-char password.
    static final IceCredentials REMOTE = new IceCredentials("Kb8R", "browserPassword+/abcdefgh");
    static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 54321);
    static final InetSocketAddress PEER_MOVED = new InetSocketAddress("198.51.100.20", 40000);

    final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    final IceLiteAgent agent = new IceLiteAgent(LOCAL, REMOTE, clock, IceSettings.defaults());

    /** A check as Chromium sends it: controlling, with priority, keyed with our password. */
    static StunMessageBuilder check() {
        return new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING, StunMessageBuilder.randomTransactionId())
                .username("srv1:Kb8R")
                .priority(1853817087L)
                .iceControlling(0x1122334455667788L);
    }

    static StunMessage signed(StunMessageBuilder builder) {
        return parse(builder.messageIntegrity(LOCAL.password()).fingerprint().build());
    }

    static StunMessage parse(byte[] bytes) {
        return StunMessage.parse(bytes, 0, bytes.length);
    }

    @Test
    void answersAValidCheckAndValidatesTheSender() {
        StunMessage request = signed(check());

        IceResult result = agent.onStun(request, PEER);

        assertThat(result).isInstanceOf(IceResult.Respond.class);
        StunMessage response = parse(((IceResult.Respond) result).response());
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.xorMappedAddress()).contains(PEER);
        assertThat(response.verifyMessageIntegrity(LOCAL.password().getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(response.verifyFingerprint()).isTrue();
        assertThat(agent.isValidated(PEER)).isTrue();
        assertThat(agent.isValidated(PEER_MOVED)).isFalse();
        assertThat(agent.selectedAddress()).contains(PEER);
        assertThat(agent.stats().successes()).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsAnswered401WithoutIntegrity() {
        StunMessage request = parse(check().messageIntegrity("not-the-server-password-xyz").fingerprint().build());

        IceResult result = agent.onStun(request, PEER);

        assertThat(result).isInstanceOfSatisfying(IceResult.Reject.class, reject -> {
            assertThat(reject.problem()).isEqualTo(IceProblem.BAD_INTEGRITY);
            StunMessage error = parse(reject.errorResponse());
            assertThat(error.errorCode()).map(StunErrorCode::code).contains(401);
            assertThat(error.has(StunAttributeType.MESSAGE_INTEGRITY)).isFalse();
            assertThat(error.verifyFingerprint()).isTrue();
        });
        assertThat(agent.isValidated(PEER)).isFalse();
        assertThat(agent.selectedAddress()).isEmpty();
        assertThat(agent.stats().count(IceProblem.BAD_INTEGRITY)).isEqualTo(1);
    }

    @Test
    void missingFingerprintIsDroppedSilently() {
        StunMessage request = parse(check().messageIntegrity(LOCAL.password()).build());

        assertThat(agent.onStun(request, PEER)).isInstanceOfSatisfying(IceResult.Drop.class,
                drop -> assertThat(drop.problem()).isEqualTo(IceProblem.MISSING_FINGERPRINT));
        assertThat(agent.isValidated(PEER)).isFalse();
    }

    @Test
    void corruptFingerprintIsDroppedSilently() {
        byte[] bytes = check().messageIntegrity(LOCAL.password()).fingerprint().build();
        bytes[bytes.length - 1] ^= 0x01;

        assertThat(agent.onStun(parse(bytes), PEER)).isInstanceOfSatisfying(IceResult.Drop.class,
                drop -> assertThat(drop.problem()).isEqualTo(IceProblem.BAD_FINGERPRINT));
    }

    @Test
    void wrongUfragIsAnswered401() {
        StunMessage wrongRemote = signed(new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING,
                StunMessageBuilder.randomTransactionId()).username("srv1:XXXX").iceControlling(1));
        StunMessage wrongLocal = signed(new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING,
                StunMessageBuilder.randomTransactionId()).username("other:Kb8R").iceControlling(1));

        for (StunMessage request : new StunMessage[] {wrongRemote, wrongLocal}) {
            assertThat(agent.onStun(request, PEER)).isInstanceOfSatisfying(IceResult.Reject.class, reject -> {
                assertThat(reject.problem()).isEqualTo(IceProblem.WRONG_USERNAME);
                assertThat(parse(reject.errorResponse()).errorCode()).map(StunErrorCode::code).contains(401);
            });
        }
        assertThat(agent.stats().count(IceProblem.WRONG_USERNAME)).isEqualTo(2);
        assertThat(agent.isValidated(PEER)).isFalse();
    }

    @Test
    void requestWithoutCredentialsIsAnswered400() {
        StunMessage request = parse(new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING,
                StunMessageBuilder.randomTransactionId()).fingerprint().build());

        assertThat(agent.onStun(request, PEER)).isInstanceOfSatisfying(IceResult.Reject.class, reject -> {
            assertThat(reject.problem()).isEqualTo(IceProblem.MISSING_CREDENTIALS);
            assertThat(parse(reject.errorResponse()).errorCode()).map(StunErrorCode::code).contains(400);
        });
    }

    @Test
    void peerClaimingTheControlledRoleGetsRoleConflict() {
        StunMessage request = signed(new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING,
                StunMessageBuilder.randomTransactionId()).username("srv1:Kb8R").iceControlled(42));

        assertThat(agent.onStun(request, PEER)).isInstanceOfSatisfying(IceResult.Reject.class, reject -> {
            assertThat(reject.problem()).isEqualTo(IceProblem.ROLE_CONFLICT);
            StunMessage error = parse(reject.errorResponse());
            assertThat(error.errorCode()).contains(new StunErrorCode(487, "Role Conflict"));
            // The request was authenticated, so the error is too.
            assertThat(error.verifyMessageIntegrity(LOCAL.password().getBytes(StandardCharsets.UTF_8))).isTrue();
        });
        assertThat(agent.isValidated(PEER)).isFalse();
    }

    @Test
    void unknownComprehensionRequiredAttributeIsAnswered420() {
        StunMessage request = signed(check().attribute(0x7F01, new byte[] {1, 2, 3, 4}));

        assertThat(agent.onStun(request, PEER)).isInstanceOfSatisfying(IceResult.Reject.class, reject -> {
            assertThat(reject.problem()).isEqualTo(IceProblem.UNKNOWN_ATTRIBUTES);
            StunMessage error = parse(reject.errorResponse());
            assertThat(error.errorCode()).map(StunErrorCode::code).contains(420);
            assertThat(error.value(StunAttributeType.UNKNOWN_ATTRIBUTES)).hasValueSatisfying(
                    v -> assertThat(v).containsExactly(0x7F, 0x01));
        });
    }

    @Test
    void indicationsAndResponsesAreDropped() {
        StunMessage indication = parse(new StunMessageBuilder(StunClass.INDICATION, StunMessage.BINDING,
                StunMessageBuilder.randomTransactionId()).fingerprint().build());

        assertThat(agent.onStun(indication, PEER)).isInstanceOfSatisfying(IceResult.Drop.class,
                drop -> assertThat(drop.problem()).isEqualTo(IceProblem.NOT_A_REQUEST));
    }

    @Test
    void consentExpiresWithoutChecksAndIsRefreshedByThem() {
        long start = clock.millis();
        assertThat(agent.consentExpired(start + 29_999)).isFalse();
        assertThat(agent.consentExpired(start + 30_000)).isTrue();

        clock.advance(Duration.ofSeconds(20));
        agent.onStun(signed(check()), PEER);
        assertThat(agent.consentExpired(clock.millis() + 29_999)).isFalse();

        clock.advance(Duration.ofSeconds(25));
        // A failing check does not refresh consent.
        agent.onStun(parse(check().messageIntegrity("wrong-password-0123456789").fingerprint().build()), PEER);
        assertThat(agent.consentExpired(clock.millis() + 5_000)).isTrue();

        agent.onStun(signed(check()), PEER);
        assertThat(agent.consentExpired(clock.millis() + 5_000)).isFalse();
    }

    @Test
    void nominationWinsOverLaterPlainChecksAndFollowsThePeerWhenItMoves() {
        agent.onStun(signed(check()), PEER);
        assertThat(agent.selectedAddress()).contains(PEER);

        agent.onStun(signed(check().useCandidate()), PEER);
        agent.onStun(signed(check()), PEER_MOVED); // validated, not nominated
        assertThat(agent.isValidated(PEER_MOVED)).isTrue();
        assertThat(agent.selectedAddress()).contains(PEER);

        // The peer's network changed: it nominates its new address.
        agent.onStun(signed(check().useCandidate()), PEER_MOVED);
        assertThat(agent.selectedAddress()).contains(PEER_MOVED);
        assertThat(agent.stats().nominations()).isEqualTo(2);
    }

    @Test
    void withoutNominationTheMostRecentlyValidatedAddressIsSelected() {
        agent.onStun(signed(check()), PEER);
        agent.onStun(signed(check()), PEER_MOVED);

        assertThat(agent.selectedAddress()).contains(PEER_MOVED);
    }

    @Test
    void validatedAddressesAreBoundedKeepingTheNominatedOne() {
        IceLiteAgent small = new IceLiteAgent(LOCAL, REMOTE, clock, new IceSettings(Duration.ofSeconds(30), 2));
        small.onStun(signed(check().useCandidate()), PEER);
        for (int i = 1; i <= 3; i++) {
            small.onStun(signed(check()), new InetSocketAddress("203.0.113.1", 10_000 + i));
        }

        assertThat(small.isValidated(PEER)).isTrue();
        assertThat(small.isValidated(new InetSocketAddress("203.0.113.1", 10_003))).isTrue();
        assertThat(small.isValidated(new InetSocketAddress("203.0.113.1", 10_001))).isFalse();
        assertThat(small.selectedAddress()).contains(PEER);
    }

    @Test
    void localUfragRoutesTheFirstPacket() {
        assertThat(IceUsername.localUfragOf(signed(check()))).contains("srv1");
        assertThat(IceUsername.localUfragOf("nocolon")).isEmpty();
        assertThat(IceUsername.localUfragOf(":x")).isEmpty();
    }
}
