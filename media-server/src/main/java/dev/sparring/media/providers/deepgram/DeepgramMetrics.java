package dev.sparring.media.providers.deepgram;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Provider metrics, tagged {@code provider=deepgram}: {@code sparring.provider.connect} (TCP +
 * upgrade), {@code sparring.provider.ttfb} (first audio on a connection to its first result),
 * {@code sparring.provider.duration} (stream lifetime) and {@code sparring.provider.failures}
 * (tag {@code kind}: auth, rate-limited, request, server, timeout, connect, dropped, protocol, gave-up).
 * Thread-safe (Micrometer meters).
 */
final class DeepgramMetrics {
    static final String PROVIDER = "deepgram";

    private final MeterRegistry registry;
    private final Timer connect;
    private final Timer firstResult;
    private final Timer duration;

    DeepgramMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.connect = Timer.builder("sparring.provider.connect").tag("provider", PROVIDER)
                .description("Connection set-up: TCP connect and WebSocket upgrade").register(registry);
        this.firstResult = Timer.builder("sparring.provider.ttfb").tag("provider", PROVIDER)
                .description("First audio sent on a connection to its first result").register(registry);
        this.duration = Timer.builder("sparring.provider.duration").tag("provider", PROVIDER)
                .description("Stream lifetime").register(registry);
    }

    void connected(long nanos) {
        connect.record(Duration.ofNanos(nanos));
    }

    void firstResult(long nanos) {
        firstResult.record(Duration.ofNanos(nanos));
    }

    void streamClosed(long nanos) {
        duration.record(Duration.ofNanos(nanos));
    }

    void failure(String kind) {
        Counter.builder("sparring.provider.failures").tag("provider", PROVIDER).tag("kind", kind)
                .description("Provider failures by kind").register(registry).increment();
    }
}
