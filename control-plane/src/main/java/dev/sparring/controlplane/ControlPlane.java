package dev.sparring.controlplane;

import dev.sparring.controlplane.api.Auth;
import dev.sparring.controlplane.api.CallsApi;
import dev.sparring.controlplane.api.CatalogApi;
import dev.sparring.controlplane.api.InjectionForwarder;
import dev.sparring.controlplane.api.InternalApi;
import dev.sparring.controlplane.calls.CallEventRepository;
import dev.sparring.controlplane.calls.CallReaper;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallTimeouts;
import dev.sparring.controlplane.calls.IngestionService;
import dev.sparring.controlplane.calls.InjectionRepository;
import dev.sparring.controlplane.calls.ReapResult;
import dev.sparring.controlplane.calls.ScoreRepository;
import dev.sparring.controlplane.calls.TwilioStatusRepository;
import dev.sparring.controlplane.calls.UtteranceRepository;
import dev.sparring.controlplane.catalog.CatalogSeeder;
import dev.sparring.controlplane.catalog.DialledNumberRepository;
import dev.sparring.controlplane.catalog.PersonaRepository;
import dev.sparring.controlplane.catalog.ScenarioRepository;
import dev.sparring.controlplane.catalog.SeedResult;
import dev.sparring.controlplane.config.ControlPlaneConfig;
import dev.sparring.controlplane.config.SharedSecrets;
import dev.sparring.controlplane.db.Database;
import dev.sparring.controlplane.db.DatabaseConfig;
import dev.sparring.controlplane.http.Filter;
import dev.sparring.controlplane.http.Json;
import dev.sparring.controlplane.http.Reply;
import dev.sparring.controlplane.http.Router;
import dev.sparring.controlplane.live.LiveEvents;
import dev.sparring.controlplane.session.CallLauncher;
import dev.sparring.controlplane.session.SessionTokens;
import dev.sparring.controlplane.tenancy.ApiKeyRepository;
import dev.sparring.controlplane.tenancy.BootstrapResult;
import dev.sparring.controlplane.tenancy.TenancyBootstrap;
import dev.sparring.controlplane.tenancy.UserRepository;
import dev.sparring.controlplane.twilio.StatusWebhook;
import dev.sparring.controlplane.twilio.TwilioGate;
import dev.sparring.controlplane.twilio.TwilioSignature;
import dev.sparring.controlplane.twilio.VoiceWebhook;
import dev.sparring.controlplane.web.PracticePages;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's composition root: opens the database, seeds the catalog and the default
 * organisation, wires repositories into the HTTP routes, and runs the reaper and scoring pass on one
 * background thread. {@link #start} and {@link #close} are called by one thread (Main or a test).
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

    private final ControlPlaneConfig config;
    private final Clock clock;
    private final Map<String, String> env;
    private Database database;
    private Server server;
    private ScheduledExecutorService background;
    private LiveEvents live;
    private BootstrapResult bootstrap;
    private SharedSecrets secrets;
    private CallScoring scoring;
    private CallReaper reaper;
    private PrometheusMeterRegistry registry;

    public ControlPlane(ControlPlaneConfig config, Clock clock, Map<String, String> env) {
        this.config = config;
        this.clock = clock;
        this.env = env;
    }

    public ControlPlane start() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);

        secrets = SharedSecrets.resolve(config.dataDir(), env);
        database = Database.open(new DatabaseConfig(config.databaseUrl(), config.databaseUser(),
                config.databasePassword().orElse(""), config.dataDir(), config.databasePoolSize(),
                config.embeddedPostgresPort()));
        var jdbc = database.jdbc();

        bootstrap = new TenancyBootstrap(jdbc, clock).ensureDefaults(config.apiKey());
        SeedResult seeded = new CatalogSeeder(jdbc, clock).seed(bootstrap.organisation().id(), config.catalogDir());
        log.info("catalog from {}: {} personas, {} scenarios ({} and {} changed)", config.catalogDir(),
                seeded.personasRead(), seeded.scenariosRead(), seeded.personasChanged(), seeded.scenariosChanged());

        var calls = new CallRepository(jdbc, clock);
        var utterances = new UtteranceRepository(jdbc);
        var events = new CallEventRepository(jdbc);
        var injections = new InjectionRepository(jdbc, clock);
        var scores = new ScoreRepository(jdbc, clock);
        var personas = new PersonaRepository(jdbc, clock);
        var scenarios = new ScenarioRepository(jdbc, clock);
        var users = new UserRepository(jdbc, clock);
        var apiKeys = new ApiKeyRepository(jdbc, clock);
        var timeouts = new CallTimeouts(config.callConnectTimeout(), config.heartbeatTimeout(), config.missingEventsGrace());
        var ingestion = new IngestionService(jdbc, clock, timeouts);
        reaper = new CallReaper(jdbc, timeouts);

        live = new LiveEvents(Json.MAPPER, config.liveKeepaliveInterval(), registry);
        scoring = new CallScoring(calls, utterances, events, scenarios, scores, ingestion, live, registry);
        var tokens = new SessionTokens(secrets.sessionSigningKey(), clock, config.sessionTokenTtl());
        String offerUrl = CallLauncher.webrtcOfferUrl(config.mediaServerPublicUrl());
        var launcher = new CallLauncher(calls, scenarios, tokens, config.mediaStreamUrl(), offerUrl,
                config.catalogDir().resolve("scripts"));
        var pages = PracticePages.create(offerUrl);
        var gate = new TwilioGate(config.twilioAuthToken().map(t -> new TwilioSignature(t, config.publicUrl())));
        if (!gate.validating()) {
            log.warn("TWILIO_AUTH_TOKEN is not set: /twilio/* accepts loopback clients only and checks no signature");
        }
        String base = config.publicUrl().toString().replaceAll("/$", "");
        var voice = new VoiceWebhook(gate, bootstrap.organisation().id(), config.defaultScenario(),
                new DialledNumberRepository(jdbc, clock), users, scenarios, calls, launcher, tokens,
                base + "/twilio/status", registry);
        var status = new StatusWebhook(gate, bootstrap.organisation().id(), calls, new TwilioStatusRepository(jdbc, clock));
        var catalogApi = new CatalogApi(personas, scenarios);
        var callsApi = new CallsApi(calls, utterances, events, injections, scores, launcher,
                new InjectionForwarder(secrets.serviceKey(), config.injectionForwardTimeout()), live, scoring,
                config.pageSizeDefault(), config.pageSizeMax());
        var internal = new InternalApi(calls, personas, scenarios, ingestion, live, scoring, registry);

        Filter user = Auth.apiKey(apiKeys);
        Filter service = Auth.serviceKey(secrets.serviceKey());
        Router router = Router.builder(registry, config.maxRequestBytes())
                .route("GET", "/health", x -> Reply.json(200, Map.of("status", "up")))
                .route("GET", "/ready", x -> ready())
                .route("GET", "/metrics", x -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()))
                .route("GET", "/", pages::root)
                .route("GET", "/practice", pages::practice)
                .route("GET", "/practice/calls/{id}", pages::result)
                .route("GET", "/practice/{file}", pages::file)
                .route("POST", "/twilio/voice", voice)
                .route("POST", "/twilio/status", status)
                .route("GET", "/api/personas", catalogApi::listPersonas, user)
                .route("GET", "/api/personas/{id}", catalogApi::persona, user)
                .route("GET", "/api/scenarios", catalogApi::listScenarios, user)
                .route("GET", "/api/scenarios/{id}", catalogApi::scenario, user)
                .route("POST", "/api/calls", callsApi::create, user)
                .route("GET", "/api/calls", callsApi::list, user)
                .route("GET", "/api/calls/{id}", callsApi::get, user)
                .route("GET", "/api/calls/{id}/live", callsApi::live, user)
                .route("POST", "/api/calls/{id}/injections", callsApi::inject, user)
                .route("POST", "/api/calls/{id}/score", callsApi::rescore, user)
                .route("GET", "/internal/calls/{id}/session", internal::session, service)
                .route("POST", "/internal/events", internal::events, service)
                .route("POST", "/internal/calls/{id}/complete", internal::complete, service)
                .build();

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("cp-http");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.bindAddress());
        connector.setPort(config.httpPort());
        server.addConnector(connector);
        // In-flight requests (an ingestion batch, say) finish before the server stops.
        server.setHandler(new GracefulHandler(router));
        server.setStopTimeout(10_000);
        server.start();

        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cp-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = config.reaperInterval().toMillis();
        background.scheduleWithFixedDelay(this::housekeeping, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass of the reaper and the scorer; safe to call from tests. */
    public void housekeeping() {
        try {
            ReapResult reaped = reaper.reap(clock.instant());
            if (!reaped.isEmpty()) {
                log.info("reaper: {} calls abandoned, {} failed (media server lost)", reaped.abandoned().size(), reaped.failed().size());
                reaped.abandoned().forEach(live::endCall);
            }
            scoring.scorePending();
        } catch (RuntimeException e) {
            log.error("housekeeping pass failed; retrying on the next one", e);
        }
    }

    private Reply ready() {
        try (Connection c = database.dataSource().getConnection()) {
            if (c.isValid(2)) {
                return Reply.json(200, Map.of("status", "ready"));
            }
        } catch (Exception e) {
            log.warn("readiness check: database unavailable: {}", e.getMessage());
        }
        return Reply.json(503, Map.of("status", "database unavailable"));
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public BootstrapResult bootstrap() {
        return bootstrap;
    }

    public SharedSecrets secrets() {
        return secrets;
    }

    public Database database() {
        return database;
    }

    public Optional<Integer> embeddedPostgresPort() {
        return database.embeddedPort();
    }

    @Override
    public void close() {
        if (background != null) {
            background.shutdownNow();
        }
        if (live != null) {
            live.close();
        }
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("stopping the HTTP server: {}", e.getMessage());
            }
        }
        if (database != null) {
            database.close();
        }
    }
}
