package dev.sparring.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.audio.RepAudioLibrary;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import dev.sparring.loadtest.twilio.FakeMediaStreamsServer;
import dev.sparring.loadtest.twilio.StreamTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against a fake Media Streams server: slots, ramp, live turn latency, and failures. */
class LoadRunTest {

    @Test
    void runsEverySlotAndMeasuresWhatTheCallersHeard(@TempDir Path scripts) throws Exception {
        Files.writeString(scripts.resolve("short.yaml"), """
                name: short
                scenario: refinance-rate-shopper
                rep:
                  - say: "Hi Jordan, my name is Sam."
                    pause_ms: 400
                  - say: "Sorry to jump in, what rate were you quoted?"
                    when: during-bot
                    offset_ms: 800
                  - hangup: true
                    pause_ms: 300
                """);
        List<byte[]> bot;
        try (RepAudioLibrary voices = new RepAudioLibrary()) {
            bot = List.of(voices.spoken("Hi, this is Jordan.").mulaw(),
                    voices.spoken("Honestly, the online quote I got was a quarter point lower, and I want to compare "
                            + "every offer line by line before I decide anything at all.").mulaw(),
                    voices.spoken("Okay, that works.").mulaw());
        }
        List<CallResult> results = new CopyOnWriteArrayList<>();
        List<Interval> progress = new CopyOnWriteArrayList<>();
        try (FakeMediaStreamsServer server = new FakeMediaStreamsServer(bot);
             CallerEmulator emulator = CallerEmulator.create(EmulatorConfig.defaults(scripts))) {
            StreamTarget target = new StreamTarget(server.url(), Map.of("token", "t"), Optional.empty());
            LoadPlan plan = new LoadPlan(3, Duration.ofMillis(300), Duration.ZERO, List.of("short"), Duration.ofMillis(500));
            LoadSummary summary = LoadRun.execute(plan, (script, observer) -> emulator.connect(target, script, observer)
                    .thenApply(r -> {
                        results.add(r);
                        return r;
                    }), new LoadMetrics(1), progress::add);

            assertThat(summary.errors()).isEmpty();
            assertThat(summary.calls().placed()).isEqualTo(3);
            assertThat(summary.calls().connected()).isEqualTo(3);
            assertThat(summary.calls().completed()).isEqualTo(3);
            assertThat(summary.calls().peakUp()).isBetween(1, 3);
            assertThat(summary.calls().callSeconds()).isPositive();
            // Live turn latencies pair rep lines with bot answers exactly as each call's result does.
            long turns = results.stream().mapToLong(r -> r.turnLatencies().size()).sum();
            assertThat(summary.audio().turns()).isEqualTo(turns).isEqualTo(6);
            assertThat(summary.latencies().get("turn_latency").count()).isEqualTo(6);
            assertThat(summary.latencies().get("barge_in_reaction").count()).isEqualTo(3);
            assertThat(summary.latencies().get("setup_to_start").count()).isEqualTo(3);
            assertThat(summary.latencies().get("setup_to_first_audio").count()).isEqualTo(3);
            assertThat(summary.audio().marksEchoed()).isEqualTo(summary.audio().marksReceived()).isEqualTo(9);
            assertThat(summary.byConcurrency().values().stream().mapToLong(Distribution::count).sum()).isEqualTo(6);
            assertThat(summary.intervals()).isNotEmpty();
            assertThat(summary.intervals().getLast().turns()).isEqualTo(6);
            assertThat(progress).isNotEmpty();
        }
    }

    @Test
    void aSlotWhoseCallCannotBePlacedRetriesEverySecondUntilTheDuration() throws Exception {
        List<String> launched = new ArrayList<>();
        LoadPlan plan = new LoadPlan(1, Duration.ZERO, Duration.ofMillis(2_500), List.of("a", "b"), Duration.ofSeconds(1));
        LoadSummary summary = LoadRun.execute(plan, (script, observer) -> {
            launched.add(script);
            return CompletableFuture.failedFuture(new LoadTestException("POST /api/calls answered 503: busy"));
        }, new LoadMetrics(1), interval -> { });

        assertThat(launched).containsExactly("a", "b", "a");
        assertThat(summary.calls().failed()).isEqualTo(3);
        assertThat(summary.errors()).containsExactly(Map.entry("placement", 3L));
        assertThat(summary.errorExamples().get("placement")).isEqualTo("POST /api/calls answered 503: busy");
    }
}
