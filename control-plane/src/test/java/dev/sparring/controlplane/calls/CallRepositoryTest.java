package dev.sparring.controlplane.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.db.PostgresExtension;
import dev.sparring.controlplane.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CallRepositoryTest {

    private final Jdbc jdbc = TestDatabase.shared().jdbc();
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00.123456789Z");
    private CallFixture fixture;
    private CallRepository calls;

    @BeforeEach
    void setUp() {
        fixture = new CallFixture(jdbc, clock);
        calls = fixture.calls;
    }

    @Test
    void createdCallIsFoundInItsOrganisationOnly() {
        Call call = calls.create(fixture.org.id(),
                NewCall.twilio("refinance-rate-shopper", Optional.of(fixture.rep.id()), "+15550100", "+15550199",
                        "CA0001").withScript("refinance-happy-path"));

        assertThat(call.state()).isEqualTo(CallState.CREATED);
        assertThat(call.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));
        assertThat(call.script()).contains("refinance-happy-path");
        assertThat(calls.find(fixture.org.id(), call.id())).contains(call);
        assertThat(calls.findByIdAnyOrg(call.id())).contains(call);
        assertThat(calls.findByTwilioCallSidAnyOrg("CA0001")).contains(call);

        assertThat(calls.find(fixture.otherOrg.id(), call.id())).isEmpty();
        assertThat(calls.list(fixture.otherOrg.id(), CallQuery.all()).calls()).isEmpty();
        assertThat(calls.transition(fixture.otherOrg.id(), call.id(), EnumSet.of(CallState.CREATED),
                CallState.CONNECTING)).isEmpty();
        assertThat(calls.setTwilioCallSid(fixture.otherOrg.id(), call.id(), "CA0002")).isFalse();
        assertThat(calls.find(fixture.org.id(), call.id()).orElseThrow().state()).isEqualTo(CallState.CREATED);
    }

    @Test
    void callCannotReferenceAnotherOrganisationsScenarioOrUser() {
        assertThatThrownBy(() -> calls.create(fixture.org.id(), NewCall.webrtc("no-such-scenario", Optional.empty())))
                .isInstanceOf(CallException.class).hasMessageContaining("no-such-scenario");
        assertThatThrownBy(() -> calls.create(fixture.org.id(),
                NewCall.webrtc("refinance-rate-shopper", Optional.of(fixture.otherRep.id()))))
                .isInstanceOf(CallException.class).hasMessageContaining(fixture.otherRep.id().toString());
        assertThat(calls.create(fixture.org.id(), NewCall.webrtc("refinance-rate-shopper", Optional.empty()))
                .userId()).as("guest call").isEmpty();
    }

    @Test
    void legalTransitionsStampTimesAndIllegalOnesAreRefused() {
        Call call = fixture.newCall();
        clock.advance(Duration.ofSeconds(5));

        Call live = calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.CREATED, CallState.CONNECTING),
                CallState.LIVE).orElseThrow();
        assertThat(live.state()).isEqualTo(CallState.LIVE);
        assertThat(live.startedAt()).contains(Instant.parse("2026-11-22T10:00:05.123456Z"));

        assertThat(calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.CREATED),
                CallState.CONNECTING)).as("not in the from-set any more").isEmpty();
        assertThatThrownBy(() -> calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.LIVE),
                CallState.SCORED)).isInstanceOf(IllegalCallTransitionException.class)
                .hasMessage("a call cannot move from live to scored");

        clock.advance(Duration.ofSeconds(60));
        Call ended = calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.LIVE), CallState.ENDED)
                .orElseThrow();
        assertThat(ended.endedAt()).contains(Instant.parse("2026-11-22T10:01:05.123456Z"));
        assertThatThrownBy(() -> calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.ENDED),
                CallState.LIVE)).isInstanceOf(IllegalCallTransitionException.class);
        assertThatThrownBy(() -> calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.ABANDONED),
                CallState.ENDED)).isInstanceOf(IllegalCallTransitionException.class);
        assertThat(calls.transition(fixture.org.id(), call.id(), EnumSet.of(CallState.ENDED), CallState.SCORED)
                .orElseThrow().scoredAt()).contains(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void keysetPaginationWalksEveryCallNewestFirstWithoutDuplicates() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            created.add(fixture.newCall().id());
            // Pairs of calls share a creation instant, so ties are broken by id.
            if (i % 2 == 1) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        calls.create(fixture.otherOrg.id(), NewCall.webrtc("refinance-rate-shopper", Optional.empty()));

        List<Call> seen = new ArrayList<>();
        CallQuery query = CallQuery.all().withLimit(3);
        CallPage page = calls.list(fixture.org.id(), query);
        seen.addAll(page.calls());
        while (page.nextCursor().isPresent()) {
            page = calls.list(fixture.org.id(), query.after(page.nextCursor().get()));
            seen.addAll(page.calls());
        }

        assertThat(seen).extracting(Call::id).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        for (int i = 1; i < seen.size(); i++) {
            Call newer = seen.get(i - 1);
            Call older = seen.get(i);
            assertThat(newer.createdAt()).isAfterOrEqualTo(older.createdAt());
            if (newer.createdAt().equals(older.createdAt())) {
                assertThat(newer.id().toString()).isNotEqualTo(older.id().toString());
            }
        }
        assertThat(calls.list(fixture.org.id(), CallQuery.all().withLimit(8)).nextCursor()).isEmpty();
        assertThatThrownBy(() -> calls.list(fixture.org.id(), query.after("not-a-cursor")))
                .isInstanceOf(CallException.class);
    }

    @Test
    void filtersCombine() {
        Call first = fixture.newCall();
        clock.advance(Duration.ofMinutes(1));
        Call guestPhone = calls.create(fixture.org.id(),
                NewCall.twilio("investor-dscr-loan", Optional.empty(), "+15550111", "+15550199", "CA9"));
        clock.advance(Duration.ofMinutes(1));
        Call third = fixture.newCall();
        calls.transition(fixture.org.id(), third.id(), EnumSet.of(CallState.CREATED), CallState.CONNECTING);
        UUID org = fixture.org.id();

        assertThat(ids(calls.list(org, CallQuery.all().withState(CallState.CONNECTING)))).containsExactly(third.id());
        assertThat(ids(calls.list(org, CallQuery.all().withScenario("investor-dscr-loan"))))
                .containsExactly(guestPhone.id());
        assertThat(ids(calls.list(org, CallQuery.all().withUser(fixture.rep.id()))))
                .containsExactly(third.id(), first.id());
        assertThat(ids(calls.list(org, CallQuery.all().withChannel(Channel.TWILIO)))).containsExactly(guestPhone.id());
        assertThat(ids(calls.list(org, CallQuery.all().withCreatedBetween(Optional.of(guestPhone.createdAt()),
                Optional.of(third.createdAt()))))).containsExactly(guestPhone.id());
        assertThat(ids(calls.list(org, CallQuery.all().withUser(fixture.rep.id()).withState(CallState.CREATED))))
                .containsExactly(first.id());
        assertThat(calls.countActive(org)).isEqualTo(3);
    }

    private static List<UUID> ids(CallPage page) {
        return page.calls().stream().map(Call::id).toList();
    }
}
