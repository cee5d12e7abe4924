package dev.sparring.media.providers.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.config.ConfigException;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.ProviderException;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The prospect played by an OpenAI(-compatible) chat model: {@code POST {base}/v1/chat/completions}
 * with {@code stream: true}, tokens delivered as the server-sent events arrive
 * (https://platform.openai.com/docs/api-reference/chat/create and …/chat/streaming).
 *
 * <p>Built for density: every reply is a non-blocking Netty exchange on a shared event-loop group,
 * over kept-alive connections ({@link ConnectionPool}); no thread per call or per reply, and listener
 * callbacks run on the connection's event loop (they must hand off, not block). {@link Generation#cancel()}
 * closes the connection at once. Errors are {@link ProviderException}s with kinds
 * {@code auth, quota, rate-limited, request, server, timeout, connect, dropped, protocol}; no retries
 * here beyond re-sending on a fresh connection when a kept-alive one turns out stale before any
 * response byte (the pipeline owns retry and fallback).
 *
 * <p>Owns its connection pool, and the event-loop group only when made by {@link #create}; both are
 * released by {@link #close()}. Thread-safe.
 */
public final class OpenAiLanguageModel implements LanguageModel, AutoCloseable {
    public static final String PROVIDER = "openai";

    private final OpenAiConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final OpenAiMetrics metrics;
    private final ConnectionPool pool;
    private final Clock clock;
    private final Optional<EventLoopGroup> ownedGroup;

    /**
     * @param group    the shared event-loop group (NIO or epoll) the exchanges run on; not closed here
     * @param registry where {@code sparring.provider.*} meters tagged {@code provider=openai} go
     */
    public OpenAiLanguageModel(OpenAiConfig config, EventLoopGroup group, MeterRegistry registry) {
        this(config, group, registry, Optional.empty());
    }

    private OpenAiLanguageModel(OpenAiConfig config, EventLoopGroup group, MeterRegistry registry,
                                Optional<EventLoopGroup> owned) {
        this.config = config;
        this.metrics = new OpenAiMetrics(registry);
        this.clock = Clock.systemUTC();
        this.pool = new ConnectionPool(config, group, config.tls() ? Optional.of(sslContext()) : Optional.empty(), metrics);
        this.ownedGroup = owned;
    }

    /** A model with its own one-thread NIO event-loop group (one thread serves hundreds of streams). */
    public static OpenAiLanguageModel create(OpenAiConfig config, MeterRegistry registry) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        return new OpenAiLanguageModel(config, group, registry, Optional.of(group));
    }

    @Override
    public Generation generate(Request request, Listener listener) {
        ChatExchange exchange = new ChatExchange(config, pool, json, metrics, clock,
                ChatRequestBody.render(json, config, request), listener);
        exchange.start();
        return exchange;
    }

    /**
     * The wait a {@code rate-limited} error asked for ({@code retry-after-ms} or {@code retry-after}),
     * which the message carries as {@code retry after <n> ms}.
     */
    public static Optional<Duration> retryAfter(ProviderException error) {
        return OpenAiErrors.retryAfter(error);
    }

    public OpenAiConfig config() {
        return config;
    }

    /** Idle kept-alive connections right now (for tests and diagnostics). */
    int idleConnections() {
        return pool.idleCount();
    }

    @Override
    public void close() {
        pool.close();
        ownedGroup.ifPresent(g -> g.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
    }

    private static SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new ConfigException("openai: cannot set up TLS", e);
        }
    }
}
