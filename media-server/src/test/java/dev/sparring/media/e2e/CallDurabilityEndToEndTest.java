package dev.sparring.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import dev.sparring.loadtest.twilio.StreamTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No transcript is lost because a process stopped: each test runs a call on both services (separate
 * JVMs, real PostgreSQL) and stops one of them in the middle of it.
 */
class CallDurabilityEndToEndTest {
    private static final String SCENARIO = "refinance-rate-shopper";
    private static final String SCRIPT = "refinance-happy-path";
    private static CallerEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = CallerEmulator.create(EmulatorConfig.defaults(Path.of("../config/scripts")));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void theControlPlaneRestartsMidCallAndEveryEventIsStoredExactlyOnce() throws Exception {
        try (Deployment deployment = new Deployment(Map.of(), Map.of()).start()) {
            StreamTarget target = PhoneCallEndToEndTest.place(deployment, SCENARIO, SCRIPT);
            String callId = target.callId().orElseThrow();
            CompletableFuture<CallResult> call = emulator.connect(target, SCRIPT);
            deployment.awaitState(callId, Duration.ofSeconds(30), "live");
            awaitUtterances(deployment, callId, 2);

            deployment.controlPlane.stopGracefully(Duration.ofSeconds(30));
            // The call goes on while the control plane is away; the media server spools its events.
            org.awaitility.Awaitility.await("events spooled to the outbox").atMost(Duration.ofSeconds(30))
                    .until(() -> hasFiles(deployment.outbox()));
            deployment.startControlPlane();

            CallResult result = call.get(5, TimeUnit.MINUTES);
            assertThat(result.errors()).isEmpty();
            JsonNode stored = deployment.awaitState(callId, Duration.ofSeconds(60), "scored");
            assertThat(stored.get("end_reason").asText()).isEqualTo("hangup");
            assertContiguousEvents(stored);
            assertThat(stored.get("transcript").size()).isEqualTo(countType(stored, "utterance"));
            assertThat(stored.get("transcript").findValuesAsText("speaker")).contains("rep", "prospect");
            assertThat(countType(stored, "call.ended")).isEqualTo(1);
        }
    }

    @Test
    void aGracefulStopOfTheMediaServerDrainsTheCallAndLosesNothing() throws Exception {
        try (Deployment deployment = new Deployment(Map.of(), Map.of("SPARRING_MS_DRAIN_GRACE_PERIOD", "2s")).start()) {
            StreamTarget target = PhoneCallEndToEndTest.place(deployment, SCENARIO, SCRIPT);
            String callId = target.callId().orElseThrow();
            CompletableFuture<CallResult> call = emulator.connect(target, SCRIPT);
            awaitUtterances(deployment, callId, 3);

            int exit = deployment.mediaServer.stopGracefully(Duration.ofSeconds(60));
            call.get(1, TimeUnit.MINUTES);

            JsonNode stored = deployment.awaitState(callId, Duration.ofSeconds(60), "scored");
            assertThat(stored.get("end_reason").asText()).isEqualTo("drain");
            assertContiguousEvents(stored);
            assertThat(countType(stored, "call.ended")).isEqualTo(1);
            assertThat(stored.get("transcript").size()).isGreaterThanOrEqualTo(3).isEqualTo(countType(stored, "utterance"));
            // A JVM that shut down in order after SIGTERM exits with 128 + 15; a crash would differ.
            assertThat(exit).isEqualTo(143);
        }
    }

    @Test
    void aHardKillOfTheMediaServerLosesAtMostTheLastSecondAndTheCallEndsFailed() throws Exception {
        try (Deployment deployment = new Deployment(Map.of("SPARRING_CP_HEARTBEAT_TIMEOUT", "3s"), Map.of()).start()) {
            StreamTarget target = PhoneCallEndToEndTest.place(deployment, SCENARIO, SCRIPT);
            String callId = target.callId().orElseThrow();
            CompletableFuture<CallResult> call = emulator.connect(target, SCRIPT);
            awaitUtterances(deployment, callId, 4);

            deployment.mediaServer.kill();
            java.time.Instant killedAt = java.time.Instant.now();
            CallResult result = call.get(1, TimeUnit.MINUTES);

            JsonNode stored = deployment.awaitState(callId, Duration.ofSeconds(60), "scored");
            assertThat(stored.get("end_reason").asText()).isEqualTo("media-server-lost");
            assertContiguousEvents(stored);
            // Every rep line that ended well before the kill (its end of turn is 600 ms of silence
            // later, plus at most about a second of unshipped events) is in the stored transcript.
            List<String> repTexts = new ArrayList<>();
            stored.get("transcript").forEach(u -> {
                if (u.get("speaker").asText().equals("rep")) {
                    repTexts.add(u.get("text").asText());
                }
            });
            java.time.Instant safelyBefore = killedAt.minusMillis(2500);
            List<String> mustSurvive = result.sent().stream()
                    .filter(s -> s.kind() == dev.sparring.loadtest.twilio.SentStep.Kind.SAY)
                    .filter(s -> result.startedAt().plus(s.speechEnd()).isBefore(safelyBefore))
                    .map(CallResult.Step::text).toList();
            assertThat(mustSurvive).isNotEmpty();
            assertThat(repTexts).containsAll(mustSurvive);
            assertThat(stored.get("transcript").size()).isGreaterThanOrEqualTo(2);
            assertThat(stored.has("score")).isTrue();
        }
    }

    /** Waits until the control plane holds at least {@code n} utterances of the call. */
    private static void awaitUtterances(Deployment deployment, String callId, int n) {
        org.awaitility.Awaitility.await("call " + callId + " with " + n + " stored utterances")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> deployment.call(callId).get("transcript").size() >= n);
    }

    private static boolean hasFiles(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return false;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    /** Events are numbered 1..N with no hole and no repeat. */
    private static void assertContiguousEvents(JsonNode call) {
        List<Long> seqs = new ArrayList<>();
        call.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).isNotEmpty();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("event #%d of %s", i, seqs).isEqualTo(i + 1L);
        }
    }

    private static int countType(JsonNode call, String type) {
        int n = 0;
        for (JsonNode e : call.get("events")) {
            if (type.equals(e.get("type").asText())) {
                n++;
            }
        }
        return n;
    }
}
