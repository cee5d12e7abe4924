package dev.sparring.loadtest.twilio;

import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.audio.EncodedAudio;
import dev.sparring.loadtest.audio.RepAudioLibrary;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.CallScriptParser;
import dev.sparring.loadtest.script.ScriptStep;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Emulates Twilio calling in: places calls with the control plane (voice webhook or REST API),
 * then runs each call's script over Media Streams. Usable from JUnit tests in any module:
 *
 * <pre>{@code
 * try (CallerEmulator twilio = CallerEmulator.create(EmulatorConfig.defaults(scripts).withAuthToken(token))) {
 *     CallResult call = twilio.placeCallViaWebhook(controlPlane, "refinance-happy-path").get(2, MINUTES);
 *     assertThat(call.ok()).isTrue();
 * }
 * }</pre>
 *
 * <p><b>Threading and ownership.</b> Owns one Netty event loop group shared by all its calls (each
 * call lives on one loop), a worker thread that loads scripts and audio (never on a loop), an HTTP
 * client and the rep-audio cache. Thread-safe; {@link #close} releases all of them.
 */
public final class CallerEmulator implements AutoCloseable {

    private final EmulatorConfig config;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Optional<SslContext> tls;
    private final ExecutorService loader;
    private final HttpClient http;
    private final CallPlacer placer;
    private final CallScriptParser scripts;
    private final RepAudioLibrary audio;
    private final FrameTickers tickers = new FrameTickers();
    private final Map<String, Prepared> preparedScripts = new ConcurrentHashMap<>();

    private CallerEmulator(EmulatorConfig config) {
        this.config = config;
        this.audio = new RepAudioLibrary(config.repAudioDirectory());
        // Native epoll where available: fewer syscalls and no selector bookkeeping per wake-up.
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (config.trustAllCertificates()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            this.tls = Optional.of(builder.build());
        } catch (SSLException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new LoadTestException("cannot build the client TLS context", e);
        }
        this.loader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "caller-emulator-loader");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).executor(loader).build();
        this.placer = new CallPlacer(http);
        this.scripts = new CallScriptParser(config.scriptsDirectory());
    }

    /** @return a started emulator; close it when done */
    public static CallerEmulator create(EmulatorConfig config) {
        return new CallerEmulator(config);
    }

    /** @return the configuration */
    public EmulatorConfig config() {
        return config;
    }

    /**
     * Calls in through the voice webhook {@code <controlPlane>/twilio/voice?script=<script>}, signed for
     * that same URL.
     */
    public CompletableFuture<CallResult> placeCallViaWebhook(URI controlPlane, String script) {
        URI url = webhookUrl(controlPlane, script);
        return placeCallViaWebhook(url, url.toString(), script, CallObserver.NONE);
    }

    /** @return {@code <controlPlane>/twilio/voice?script=<script>}: the webhook URL for a script */
    public static URI webhookUrl(URI controlPlane, String script) {
        return controlPlane.resolve("/twilio/voice?script=" + script);
    }

    /**
     * Calls in through a voice webhook.
     *
     * @param webhookUrl where to POST (query string included)
     * @param signedUrl the public URL Twilio would have signed (same as {@code webhookUrl} unless proxied)
     * @param script the script the caller follows
     * @param observer told about the call while it runs
     */
    public CompletableFuture<CallResult> placeCallViaWebhook(URI webhookUrl, String signedUrl, String script,
                                                             CallObserver observer) {
        StreamIds ids = StreamIds.generate(config.accountSid());
        Map<String, String> form = CallPlacer.voiceWebhookParameters(ids, "+15005550006", "+15005550001");
        return prepare(script).thenCompose(prepared -> placer.viaWebhook(webhookUrl, signedUrl, form, config.authToken())
                .thenCompose(target -> run(ids, target, prepared, observer)));
    }

    /** Calls in through {@code POST <controlPlane>/api/calls} with {@code channel: twilio}. */
    public CompletableFuture<CallResult> placeCallViaApi(URI controlPlane, String apiKey, String scenarioId, String script) {
        return placeCallViaApi(controlPlane, apiKey, scenarioId, script, CallObserver.NONE);
    }

    /** Like {@link #placeCallViaApi(URI, String, String, String)}, telling {@code observer} as the call runs. */
    public CompletableFuture<CallResult> placeCallViaApi(URI controlPlane, String apiKey, String scenarioId, String script,
                                                         CallObserver observer) {
        StreamIds ids = StreamIds.generate(config.accountSid());
        return prepare(script).thenCompose(prepared -> placer.viaApi(controlPlane, apiKey, scenarioId, Optional.of(script))
                .thenCompose(target -> run(ids, target, prepared, observer)));
    }

    /** Opens a Media Stream directly (no control plane): what Twilio does after reading the TwiML. */
    public CompletableFuture<CallResult> connect(StreamTarget target, String script) {
        return connect(target, script, CallObserver.NONE);
    }

    /** Like {@link #connect(StreamTarget, String)}, telling {@code observer} as the call runs. */
    public CompletableFuture<CallResult> connect(StreamTarget target, String script, CallObserver observer) {
        StreamIds ids = StreamIds.generate(config.accountSid());
        return prepare(script).thenCompose(prepared -> run(ids, target, prepared, observer));
    }

    /** Like {@link #connect(StreamTarget, String)} with an already parsed script. */
    public CompletableFuture<CallResult> connect(StreamTarget target, CallScript script) {
        StreamIds ids = StreamIds.generate(config.accountSid());
        return CompletableFuture.supplyAsync(() -> new Prepared(script, audio.prepare(script)), loader)
                .thenCompose(prepared -> run(ids, target, prepared, CallObserver.NONE));
    }

    /**
     * Loads a script and converts all its audio now (blocking), so later calls start at once and a
     * bad script or unreadable WAV fails before any call is placed.
     *
     * @return the parsed script
     * @throws dev.sparring.loadtest.script.ScriptException if the script is missing or invalid
     * @throws LoadTestException if a line's audio cannot be read or synthesised
     */
    public CallScript preload(String scriptName) {
        CallScript script = scripts.load(scriptName);
        audio.prepare(script);
        return script;
    }

    /** @return the rep-audio library the calls share */
    public RepAudioLibrary audio() {
        return audio;
    }

    private record Prepared(CallScript script, Map<ScriptStep.Say, EncodedAudio> audio) {}

    /** Loads the script and its audio on the loader thread: file I/O and FreeTTS stay off event loops. */
    private CompletableFuture<Prepared> prepare(String scriptName) {
        // Scripts do not change during a run: parse each once, then every call shares it and its audio.
        return CompletableFuture.supplyAsync(() -> preparedScripts.computeIfAbsent(scriptName, name -> {
            CallScript script = scripts.load(name);
            return new Prepared(script, audio.prepare(script));
        }), loader);
    }

    private CompletableFuture<CallResult> run(StreamIds ids, StreamTarget target, Prepared prepared, CallObserver observer) {
        EmulatedCall call = new EmulatedCall(ids, target, prepared.script(), prepared.audio(), config, System::nanoTime,
                observer);
        call.connect(group, channelType, tls, tickers);
        return call.result();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        loader.shutdownNow();
        http.close();
        audio.close();
    }
}
