package dev.sparring.media.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.media.controlplane.ControlPlaneClient;
import dev.sparring.media.controlplane.FakeControlPlane;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventShipperTest {
    private static final String KEY = "test-service-key";

    @TempDir Path outboxDir;
    FakeControlPlane cp;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    EventShipper shipper;

    @BeforeEach
    void setUp() throws Exception {
        cp = new FakeControlPlane(KEY);
        shipper = newShipper(cp.url(), 1 << 20);
    }

    @AfterEach
    void tearDown() {
        shipper.close();
        cp.close();
    }

    EventShipper newShipper(URI url, long cap) {
        return new EventShipper(new ControlPlaneClient(url, KEY, Duration.ofSeconds(2)), clock, "ms-test",
                "http://127.0.0.1:8081", Duration.ofMillis(50), Duration.ofMillis(400), outboxDir, cap, registry);
    }

    @Test
    void batchesEventsOfSeveralCallsIntoOneRequestWithLiveCalls() {
        CallEventLog a = shipper.openCall("call-a");
        CallEventLog b = shipper.openCall("call-b");
        a.append("call.live", Map.of("stream_sid", "MZ1", "call_sid", "CA1", "channel", "twilio"));
        b.append("call.live", Map.of("stream_sid", "MZ2", "call_sid", "CA2", "channel", "twilio"));
        a.append("dtmf", Map.of("digit", "5", "at_ms", 9000));

        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(cp.batches).hasSize(1);
        JsonNode batch = cp.batches.get(0);
        assertThat(batch.path("server_id").asText()).isEqualTo("ms-test");
        assertThat(batch.path("server_url").asText()).isEqualTo("http://127.0.0.1:8081");
        assertThat(batch.path("live_calls")).extracting(JsonNode::asText).containsExactlyInAnyOrder("call-a", "call-b");
        assertThat(batch.path("events")).hasSize(3);
        JsonNode first = batch.path("events").get(0);
        assertThat(first.path("call_id").asText()).isEqualTo("call-a");
        assertThat(first.path("seq").asLong()).isEqualTo(1);
        assertThat(first.path("type").asText()).isEqualTo("call.live");
        assertThat(first.path("at").asText()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(first.path("data").path("stream_sid").asText()).isEqualTo("MZ1");
        assertThat(batch.path("events").get(2).path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void sendsHeartbeatWhileCallsAreLiveAndNothingWhenIdle() {
        shipper.openCall("call-a");
        shipper.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> cp.batches.size() >= 3);
        assertThat(cp.batches).allSatisfy(b -> {
            assertThat(b.path("events")).isEmpty();
            assertThat(b.path("live_calls").get(0).asText()).isEqualTo("call-a");
        });
    }

    @Test
    void completesAfterTheCallsEventsWithLastSeq() {
        CallEventLog a = shipper.openCall("call-a");
        a.append("call.live", Map.of());
        a.append("call.ended", Map.of("reason", "hangup", "at_ms", 1000));
        clock.advance(Duration.ofSeconds(3));
        assertThat(a.complete("hangup")).isTrue();
        assertThat(a.complete("hangup")).isFalse();

        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(cp.completedCallIds).containsExactly("call-a");
        JsonNode done = cp.completions.get(0);
        assertThat(done.path("reason").asText()).isEqualTo("hangup");
        assertThat(done.path("last_seq").asLong()).isEqualTo(2);
        assertThat(done.path("ended_at").asText()).isEqualTo("2026-11-22T10:00:03.000Z");
        assertThat(shipper.liveCalls()).isEmpty();
        assertThat(cp.stored).containsKeys("call-a#1", "call-a#2");
    }

    @Test
    void spoolsWhileControlPlaneIsDownAndReplaysInOrderOnRecovery() {
        CallEventLog a = shipper.openCall("call-a");
        CallEventLog b = shipper.openCall("call-b");
        cp.down.set(true);
        List<String> expectedOrder = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            a.append("utterance", Map.of("turn", round));
            expectedOrder.add("call-a#" + (round + 1));
            b.append("utterance", Map.of("turn", round));
            expectedOrder.add("call-b#" + (round + 1));
            assertThat(shipper.flush(Duration.ofSeconds(5))).isFalse();
        }
        a.complete("hangup");
        assertThat(shipper.flush(Duration.ofSeconds(5))).isFalse();
        assertThat(Path.of(outboxDir.toString()).toFile().list()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(shipper.outboxBytes()).isPositive();
        assertThat(registry.counter("sparring_events_spooled").count()).isEqualTo(10);
        assertThat(cp.stored).isEmpty();
        assertThat(cp.completedCallIds).isEmpty();

        cp.down.set(false);
        clock.advance(Duration.ofSeconds(10));
        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(cp.storedOrder).containsExactlyElementsOf(expectedOrder);
        assertThat(cp.duplicates.get()).isZero();
        assertThat(cp.completedCallIds).containsExactly("call-a");
        assertThat(cp.completions.get(0).path("last_seq").asLong()).isEqualTo(5);
        assertThat(outboxDir.toFile().list()).isEmpty();
        assertThat(shipper.outboxBytes()).isZero();
    }

    @Test
    void outboxSurvivesARestartAndIsReplayedByTheNextProcess() {
        cp.down.set(true);
        CallEventLog a = shipper.openCall("call-a");
        a.append("call.live", Map.of());
        a.append("dtmf", Map.of("digit", "1"));
        a.complete("hangup");
        shipper.flush(Duration.ofSeconds(5));
        shipper.close();

        cp.down.set(false);
        shipper = newShipper(cp.url(), 1 << 20);
        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(cp.storedOrder).containsExactly("call-a#1", "call-a#2");
        assertThat(cp.completedCallIds).containsExactly("call-a");
    }

    @Test
    void retriesCompletionWithBackoffUntilTheControlPlaneAnswers() {
        CallEventLog a = shipper.openCall("call-a");
        a.append("call.live", Map.of());
        cp.down.set(true);
        a.complete("max-duration");
        shipper.flush(Duration.ofSeconds(5));
        int failedBefore = cp.failedRequests.get();

        // Before the backoff has elapsed the outbox is not retried.
        shipper.tick();
        assertThat(cp.failedRequests.get()).isEqualTo(failedBefore);

        clock.advance(Duration.ofSeconds(1));
        shipper.tick();
        assertThat(cp.failedRequests.get()).isEqualTo(failedBefore + 1);

        cp.down.set(false);
        clock.advance(Duration.ofSeconds(1));
        shipper.tick();
        assertThat(cp.completedCallIds).containsExactly("call-a");
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("max-duration");
    }

    @Test
    void unreachableControlPlaneIsSpooledLikeADownOne() throws Exception {
        URI closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        shipper.close();
        shipper = newShipper(closedPort, 1 << 20);
        shipper.openCall("call-z").append("call.live", Map.of());
        assertThat(shipper.flush(Duration.ofSeconds(5))).isFalse();
        assertThat(outboxDir.toFile().list()).hasSize(1);
    }

    @Test
    void capDropsOldestBatchesFirstAndCountsTheirEvents() {
        shipper.close();
        shipper = newShipper(cp.url(), 400);
        cp.down.set(true);
        CallEventLog a = shipper.openCall("call-a");
        for (int i = 0; i < 10; i++) {
            a.append("utterance", Map.of("text", "a fairly long utterance number " + i));
            shipper.flush(Duration.ofSeconds(5));
        }
        double dropped = registry.counter("sparring_outbox_dropped_events").count();
        assertThat(dropped).isPositive();
        assertThat(shipper.outboxBytes()).isLessThanOrEqualTo(400);

        cp.down.set(false);
        clock.advance(Duration.ofSeconds(10));
        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
        // The newest events survive; exactly the dropped (oldest) ones are missing.
        assertThat(cp.storedOrder).contains("call-a#10").doesNotContain("call-a#1");
        assertThat(cp.storedOrder).hasSize(10 - (int) dropped);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
