package dev.sparring.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadCommandTest {

    private static final String SCRIPTS = Path.of("../config/scripts").toAbsolutePath().normalize().toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return LoadCommand.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesEveryOptionWithItsDefaults() {
        LoadCommand command = new LoadCommand(Map.of(), System.out, System.err, false);
        new CommandLine(command).registerConverter(Duration.class, new DurationConverter()).parseArgs(
                "--via", "webhook", "--calls", "200", "--ramp", "30s", "--duration", "2m", "--script", "a,b", "--script", "c",
                "--signed-url", "https://sparring.example.com", "--server-metrics", "http://127.0.0.1:8081/metrics", "--quiet");

        assertThat(command.via).isEqualTo(LoadCommand.Via.webhook);
        assertThat(command.calls).isEqualTo(200);
        assertThat(command.ramp).isEqualTo(Duration.ofSeconds(30));
        assertThat(command.duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(command.scripts).containsExactly("a", "b", "c");
        assertThat(command.signedUrl).hasValueSatisfying(u -> assertThat(u.toString()).isEqualTo("https://sparring.example.com"));
        assertThat(command.serverMetrics).isPresent();
        assertThat(command.quiet).isTrue();
        assertThat(command.reportDir).isEqualTo(Path.of("load-report"));
        assertThat(command.eventLoopThreads).isEqualTo(1);
    }

    @Test
    void helpExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--calls", "--duration", "--rep-audio", "--server-metrics");
    }

    @Test
    void usageErrorsExitTwoWithAReason() {
        assertThat(run(Map.of(), "--calls", "many")).isEqualTo(2);
        assertThat(err()).contains("--calls");
        err.reset();
        assertThat(run(Map.of(), "--ramp", "soon")).isEqualTo(2);
        assertThat(err()).contains("'soon' is not a duration");
        err.reset();
        assertThat(run(Map.of(), "--scripts-dir", SCRIPTS)).isEqualTo(2);
        assertThat(err()).contains("needs an API key");
        err.reset();
        assertThat(run(Map.of("SPARRING_API_KEY", "sk_x"), "--scripts-dir", SCRIPTS, "--script", "no-such-script")).isEqualTo(2);
        assertThat(err()).contains("unknown or invalid script 'no-such-script'");
        err.reset();
        assertThat(run(Map.of("SPARRING_API_KEY", "sk_x"), "--calls", "0")).isEqualTo(2);
        assertThat(err()).contains("--calls must be at least 1");
    }

    @Test
    void anUnreadableRecordingNamesTheFileAndTheReason(@TempDir Path dir) throws Exception {
        Path scripts = dir.resolve("scripts");
        Path recordings = dir.resolve("recordings");
        Files.createDirectories(scripts);
        Files.createDirectories(recordings);
        Files.writeString(scripts.resolve("one.yaml"), """
                name: one
                scenario: refinance-rate-shopper
                rep:
                  - say: "Hi Jordan"
                """);
        Files.writeString(recordings.resolve("hi-jordan.wav"), "this is not a RIFF file");

        assertThat(run(Map.of("SPARRING_API_KEY", "sk_x"), "--scripts-dir", scripts.toString(), "--script", "one",
                "--rep-audio", recordings.toString())).isEqualTo(2);
        assertThat(err()).contains("hi-jordan.wav");
    }

    @Test
    void anUnreachableControlPlaneExitsOne() {
        assertThat(run(Map.of("SPARRING_API_KEY", "sk_x"), "--scripts-dir", SCRIPTS, "--control-plane", "http://127.0.0.1:1"))
                .isEqualTo(1);
        assertThat(err()).contains("the control plane at http://127.0.0.1:1 is unreachable");
    }

    @Test
    void durationsTakeUnits() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> DurationConverter.parse("-1s")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void fileDescriptorAdviceWhenTheLimitIsTooLow(@TempDir Path dir) throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            1024                 524288               files
                """);

        assertThat(FdLimits.softLimit(limits)).hasValue(1024);
        assertThat(FdLimits.advice(200, OptionalLong.of(1024))).isEmpty();
        assertThat(FdLimits.advice(1000, OptionalLong.of(1024))).hasValueSatisfying(advice ->
                assertThat(advice).contains("need about 4128 open files", "ulimit -n", "LimitNOFILE"));
        assertThat(FdLimits.softLimit(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void progressLineShowsCallsTurnsLatencyAndErrors() {
        String line = ProgressPrinter.format(new dev.sparring.loadtest.run.Interval(Duration.ofMillis(12_300), 48, 60, 50, 10, 2,
                140, 3, new dev.sparring.loadtest.run.Distribution(20, 700, 650, 800, 900, 1000, 1100), 0));

        assertThat(line).isEqualTo("[  12.3s] calls up 48, placed 60, done 10, failed 2 | turns 140 | turn latency p50 650 ms "
                + "p95 900 ms | errors 3");
    }
}
