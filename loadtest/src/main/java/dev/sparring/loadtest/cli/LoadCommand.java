package dev.sparring.loadtest.cli;

import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.prometheus.ServerFigures;
import dev.sparring.loadtest.prometheus.ServerMetricsScraper;
import dev.sparring.loadtest.report.LoadReport;
import dev.sparring.loadtest.report.ProcessCpu;
import dev.sparring.loadtest.report.CallLog;
import dev.sparring.loadtest.report.ReportHtml;
import dev.sparring.loadtest.report.ReportJson;
import dev.sparring.loadtest.report.ReportTable;
import dev.sparring.loadtest.run.CallLauncher;
import dev.sparring.loadtest.run.LoadMetrics;
import dev.sparring.loadtest.run.LoadPlan;
import dev.sparring.loadtest.run.LoadRun;
import dev.sparring.loadtest.run.LoadSummary;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.ScriptException;
import dev.sparring.loadtest.twilio.CallerEmulator;
import dev.sparring.loadtest.twilio.EmulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sparring load}: places N concurrent emulated Twilio calls against a running deployment
 * for a duration, prints live progress, and writes the report (terminal table, {@code report.json},
 * {@code report.html}). Exit codes: 0 no errors, 1 errors occurred (or the control plane was
 * unreachable), 2 usage (bad option, unknown script, unreadable WAV).
 *
 * <p>Run it in-process with {@link #execute}; one instance runs once.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Places many emulated Twilio phone calls against a running Sparring deployment and reports what the "
                + "callers experienced: turn latency, barge-in reaction, playback gaps, set-up time, errors.",
                "Exit codes: 0 no errors, 1 errors during the run, 2 usage."})
public final class LoadCommand implements Callable<Integer> {

    /** Exit code: the run had errors, or could not start against the deployment. */
    public static final int ERRORS = 1;
    /** Exit code: bad usage (options, scripts, audio). */
    public static final int USAGE = 2;

    /** How calls are placed. */
    public enum Via { api, webhook }

    @Option(names = "--control-plane", paramLabel = "URL", defaultValue = "${env:SPARRING_CONTROL_PLANE_URL:-http://127.0.0.1:8080}",
            description = "The control plane's base URL (default: ${DEFAULT-VALUE}, env SPARRING_CONTROL_PLANE_URL).")
    URI controlPlane;

    @Option(names = "--via", paramLabel = "api|webhook", defaultValue = "api",
            description = "How calls are placed: api (POST /api/calls with the API key) or webhook (POST /twilio/voice "
                    + "as Twilio does, signed with the auth token). Default: ${DEFAULT-VALUE}.")
    Via via;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Control plane API key for --via api (default: env SPARRING_API_KEY).")
    Optional<String> apiKey = Optional.empty();

    @Option(names = "--auth-token", paramLabel = "TOKEN",
            description = "Twilio auth token: signs the webhook and the stream upgrade with X-Twilio-Signature "
                    + "(default: env TWILIO_AUTH_TOKEN; unsigned when neither is set, which a control plane accepts from loopback only).")
    Optional<String> authToken = Optional.empty();

    @Option(names = "--signed-url", paramLabel = "URL",
            description = "The public base URL Twilio would sign when the control plane sits behind a proxy "
                    + "(e.g. https://sparring.example.com); the signature covers <URL>/twilio/voice?script=<name>. "
                    + "Default: the --control-plane URL.")
    Optional<URI> signedUrl = Optional.empty();

    @Option(names = "--calls", paramLabel = "N", defaultValue = "10", description = "Concurrent calls (call slots). Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--ramp", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Spread the first calls over this long (slot i starts at ramp*i/N). Default: ${DEFAULT-VALUE}.")
    Duration ramp;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep N calls up this long: each slot places a new call when its call ends, none after this "
                    + "(then the last calls finish). 0 = one call per slot. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--script", paramLabel = "NAME[,NAME...]", split = ",", defaultValue = "refinance-happy-path",
            description = "Call scripts (config/scripts/<name>.yaml), given to calls round robin. Default: ${DEFAULT-VALUE}.")
    List<String> scripts;

    @Option(names = "--scenario", paramLabel = "ID",
            description = "Scenario for --via api (default: each script's own scenario). With --via webhook the control "
                    + "plane picks the scenario.")
    Optional<String> scenario = Optional.empty();

    @Option(names = "--scripts-dir", paramLabel = "DIR", defaultValue = "config/scripts",
            description = "Where call scripts live. Default: ${DEFAULT-VALUE}.")
    Path scriptsDir;

    @Option(names = "--rep-audio", paramLabel = "DIR",
            description = "Recorded rep lines (WAV: PCM16, mu-law or A-law, any rate, mono or stereo), one file per line named "
                    + "after its text (\"Hi Jordan, my name is Sam\" -> hi-jordan-my-name-is-sam.wav). Converted to mu-law "
                    + "8 kHz once at start; lines without a recording are synthesised.")
    Optional<Path> repAudio = Optional.empty();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "load-report",
            description = "Where report.json, report.html and calls.jsonl (one line per call) are written. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--server-metrics", paramLabel = "URL",
            description = "The media server's Prometheus /metrics (e.g. http://127.0.0.1:8081/metrics): scraped every 5 s; "
                    + "reports its CPU per call-second, heap per call and sparring_* series.")
    Optional<URI> serverMetrics = Optional.empty();

    @Option(names = "--event-loop-threads", paramLabel = "N", defaultValue = "1",
            description = "Netty event loop threads for all calls. Default: ${DEFAULT-VALUE} (a thousand calls fit on one core).")
    int eventLoopThreads;

    @Option(names = "--quiet", description = "No progress line and no table: only the one-line verdict and the report files.")
    boolean quiet;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    LoadCommand(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs the command in this JVM (what {@code main} does, without exiting).
     *
     * @param env the environment the defaults of {@code --api-key}/{@code --auth-token} come from
     * @return the exit code
     */
    public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean terminal = isTerminal();
        CommandLine cli = new CommandLine(new LoadCommand(env, out, err, terminal));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> USAGE);
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Optional<String> key = apiKey.or(() -> nonBlank(env.get("SPARRING_API_KEY")));
        Optional<String> token = authToken.or(() -> nonBlank(env.get("TWILIO_AUTH_TOKEN")));
        if (calls < 1) {
            return usage("--calls must be at least 1");
        }
        if (eventLoopThreads < 1) {
            return usage("--event-loop-threads must be at least 1");
        }
        if (via == Via.api && key.isEmpty()) {
            return usage("--via api needs an API key: --api-key or env SPARRING_API_KEY "
                    + "(./sparring load reads data/secrets/admin-api-key on embedded defaults)");
        }
        if (repAudio.isPresent() && !Files.isDirectory(repAudio.get())) {
            return usage("--rep-audio " + repAudio.get() + " is not a directory");
        }
        FdLimits.advice(calls, FdLimits.softLimit(Path.of("/proc/self/limits"))).ifPresent(err::println);

        EmulatorConfig config = EmulatorConfig.defaults(scriptsDir).withEventLoopThreads(eventLoopThreads);
        if (token.isPresent()) {
            config = config.withAuthToken(token.get());
        }
        if (repAudio.isPresent()) {
            config = config.withRepAudioDirectory(repAudio.get());
        }
        try (CallerEmulator emulator = CallerEmulator.create(config)) {
            Map<String, String> scenarios = new LinkedHashMap<>();
            for (String name : scripts) {
                try {
                    CallScript script = emulator.preload(name);
                    scenarios.put(name, scenario.orElse(script.scenario()));
                    if (repAudio.isPresent() && !quiet) {
                        long recorded = script.steps().stream()
                                .filter(s -> s instanceof dev.sparring.loadtest.script.ScriptStep.Say say
                                        && emulator.audio().recordingFor(say).isPresent()).count();
                        err.printf("script %s: %d line(s) use recordings from %s%n", name, recorded, repAudio.get());
                    }
                } catch (ScriptException e) {
                    return usage("unknown or invalid script '" + name + "' in " + scriptsDir.toAbsolutePath() + ": " + e.getMessage());
                } catch (LoadTestException e) {
                    return usage("script '" + name + "': " + e.getMessage());
                }
            }
            Optional<String> unreachable = checkControlPlane();
            if (unreachable.isPresent()) {
                err.println("load: " + unreachable.get());
                return ERRORS;
            }
            return run(emulator, launcher(emulator, key, scenarios));
        }
    }

    private int run(CallerEmulator emulator, CallLauncher launcher) throws IOException, InterruptedException {
        LoadPlan plan = new LoadPlan(calls, ramp, duration, scripts, Duration.ofSeconds(2));
        LoadMetrics metrics = new LoadMetrics(bucketWidth(calls), ProcessCpu::nanos);
        Optional<ServerMetricsScraper> scraper = serverMetrics.map(url ->
                new ServerMetricsScraper(url, metrics::up, Duration.ofSeconds(5)));
        scraper.ifPresent(ServerMetricsScraper::start);
        ProgressPrinter printer = new ProgressPrinter(err, terminal);
        Instant startedAt = Instant.now();
        long cpuBefore = ProcessCpu.nanos();
        LoadSummary summary;
        try (CallLog callLog = CallLog.open(reportDir.resolve("calls.jsonl"))) {
            CallLauncher logged = (script, observer) -> launcher.launch(script, observer)
                    .whenComplete((result, failure) -> {
                        if (result != null) {
                            callLog.write(script, result);
                        }
                    });
            summary = LoadRun.execute(plan, logged, metrics, quiet ? i -> { } : printer);
        }
        long cpu = ProcessCpu.nanos() - cpuBefore;
        if (!quiet) {
            printer.finish();
        }
        Optional<ServerFigures> server = scraper.map(s -> s.finish(summary.calls().callSeconds()));
        LoadReport report = new LoadReport(new LoadReport.RunInfo(startedAt, via.name(), controlPlane.toString(), calls, ramp,
                duration, scripts, serverMetrics.map(URI::toString)), summary,
                LoadReport.ToolFigures.of(cpu, summary.calls().callSeconds(), eventLoopThreads, summary.intervals(), ramp, duration),
                server);
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("report.json"), ReportJson.render(report));
        Files.writeString(reportDir.resolve("report.html"), ReportHtml.render(report));
        if (!quiet) {
            out.print(ReportTable.render(report));
        }
        out.printf("%s: %d calls, %d turns, %d errors; report in %s%n", report.ok() ? "OK" : "ERRORS",
                summary.calls().placed(), summary.audio().turns(), summary.errorCount(),
                reportDir.resolve("report.html").toAbsolutePath());
        return report.ok() ? 0 : ERRORS;
    }

    private CallLauncher launcher(CallerEmulator emulator, Optional<String> key, Map<String, String> scenarios) {
        return switch (via) {
            case api -> (script, observer) -> emulator.placeCallViaApi(controlPlane, key.orElseThrow(), scenarios.get(script),
                    script, observer);
            case webhook -> (script, observer) -> {
                URI url = CallerEmulator.webhookUrl(controlPlane, script);
                String signed = signedUrl.map(base -> CallerEmulator.webhookUrl(base, script).toString()).orElse(url.toString());
                return emulator.placeCallViaWebhook(url, signed, script, observer);
            };
        };
    }

    /** @return why the control plane cannot be used, if it cannot */
    private Optional<String> checkControlPlane() {
        URI ready = controlPlane.resolve("/ready");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Optional.empty()
                    : Optional.of("the control plane at " + controlPlane + " is not ready (GET /ready answered "
                    + response.statusCode() + ")");
        } catch (IOException e) {
            return Optional.of("the control plane at " + controlPlane + " is unreachable (" + e + "); is './sparring run' running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Whether the progress line may be rewritten in place. {@code Console.isTerminal()} (Java 22+)
     * says so exactly; on 21 a console exists only when both streams are a terminal.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** About ten concurrency buckets across the run. */
    static int bucketWidth(int calls) {
        return Math.max(1, (int) Math.ceil(calls / 10.0));
    }

    private int usage(String problem) {
        err.println("load: " + problem);
        err.println("Try './sparring load --help'.");
        return USAGE;
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
