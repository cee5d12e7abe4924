package dev.sparring.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.SentStep;
import dev.sparring.loadtest.twilio.StreamIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadMetricsTest {

    private static final long MS = 1_000_000;

    /** A call of 30 s with the given gaps, barge-in reactions and errors. */
    static CallResult call(List<Long> gapMs, List<Long> bargeInMs, List<String> errors, boolean timedOutStep) {
        List<CallResult.Clear> clears = bargeInMs.stream().map(ms -> new CallResult.Clear(Duration.ofSeconds(5),
                Optional.of(Duration.ofMillis(ms)), 800, 1, true)).toList();
        List<CallResult.Gap> gaps = gapMs.stream().map(ms -> new CallResult.Gap(Duration.ofSeconds(3), Duration.ofMillis(ms))).toList();
        List<CallResult.Step> sent = List.of(new CallResult.Step(0, SentStep.Kind.SAY, "Hi", Duration.ZERO, Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofSeconds(1), false, timedOutStep));
        return new CallResult(StreamIds.generate("AC00000000000000000000000000000000"), Instant.EPOCH, Duration.ofSeconds(30),
                sent, List.of(new CallResult.Heard(Duration.ofMillis(1_500), Duration.ofSeconds(3), false)), gaps, clears,
                List.of(new CallResult.Mark("m1", Duration.ofSeconds(1), Duration.ofSeconds(2), false)),
                List.of(), 1_500, 2, 16_000, errors.isEmpty() || !errors.getFirst().startsWith("server closed"), errors);
    }

    /** A run with known values: turn latencies 100..1000 ms, two calls, one dropped with a protocol error. */
    static LoadSummary knownSummary() {
        LoadMetrics metrics = new LoadMetrics(10);
        for (int i = 0; i < 2; i++) {
            metrics.placed();
            metrics.streamStarted(200 * MS);
        }
        for (int i = 1; i <= 10; i++) {
            metrics.turnAnswered(i * 100 * MS);
        }
        metrics.callEnded(call(List.of(40L, 60L), List.of(300L), List.of(), false), 200 * MS);
        metrics.callEnded(call(List.of(), List.of(500L), List.of("server closed the stream before the script ended",
                "unexpected event from server: 'hello'"), true), 200 * MS);
        metrics.placed();
        metrics.callFailed(new dev.sparring.loadtest.LoadTestException("POST /api/calls answered 429: too many calls"));
        return metrics.summary(Duration.ofSeconds(31));
    }

    @Test
    void summarisesKnownMeasurements() {
        LoadSummary s = knownSummary();

        assertThat(s.calls()).isEqualTo(new LoadSummary.Calls(3, 2, 1, 1, 1, 2, 60.0));
        assertThat(s.audio()).isEqualTo(new LoadSummary.Audio(10, 2, 2, 4, 2, 4.0));
        Distribution turns = s.latencies().get("turn_latency");
        assertThat(turns.count()).isEqualTo(10);
        // HdrHistogram keeps 3 significant digits: 500 ms reads back as 500.223 at most.
        assertThat(turns.p50()).isBetween(500.0, 500.3);
        assertThat(turns.p90()).isBetween(900.0, 900.5);
        assertThat(turns.max()).isBetween(1000.0, 1000.6);
        assertThat(turns.mean()).isBetween(550.0, 550.3);
        assertThat(s.latencies().get("barge_in_reaction").count()).isEqualTo(2);
        assertThat(s.latencies().get("playback_gap").max()).isBetween(60.0, 60.1);
        assertThat(s.latencies().get("setup_to_first_audio").p50()).isBetween(1700.0, 1701.0);
        assertThat(s.errors()).containsExactly(java.util.Map.entry("bot_silent", 1L), java.util.Map.entry("dropped", 1L),
                java.util.Map.entry("placement", 1L), java.util.Map.entry("protocol", 1L));
        assertThat(s.errorCount()).isEqualTo(4);
        assertThat(s.turnLatencyCdf().getFirst().percentile()).isZero();
        assertThat(s.turnLatencyCdf().getFirst().millis()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(s.turnLatencyCdf().getLast().percentile()).isEqualTo(100.0);
        // All ten turns were heard with two calls up: the 0..9 bucket.
        assertThat(s.byConcurrency()).containsOnlyKeys(0);
        assertThat(s.intervals()).singleElement().satisfies(i -> assertThat(i.turns()).isEqualTo(10));
    }
}
