package dev.sparring.media.providers.openai.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Provider metrics, tagged {@code provider=openai-realtime}, named like the other providers':
 * {@code sparring.provider.connect} (TCP + TLS + upgrade), {@code sparring.provider.ttfb} (response
 * asked for — our {@code response.create} or the rep's {@code speech_stopped} — to its first audio
 * delta), {@code sparring.provider.duration} (session lifetime) and {@code sparring.provider.failures}
 * (tag {@code kind}: auth, rate-limited, request, server, timeout, connect, dropped, protocol, gave-up).
 * Thread-safe (Micrometer meters).
 */
final class RealtimeMetrics {
    static final String PROVIDER = "openai-realtime";

    private final MeterRegistry registry;
    private final Timer connect;
    private final Timer firstAudio;
    private final Timer duration;

    RealtimeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.connect = Timer.builder("sparring.provider.connect").tag("provider", PROVIDER)
                .description("Connection set-up: TCP connect, TLS and WebSocket upgrade").register(registry);
        this.firstAudio = Timer.builder("sparring.provider.ttfb").tag("provider", PROVIDER)
                .description("Response asked for to its first audio delta").register(registry);
        this.duration = Timer.builder("sparring.provider.duration").tag("provider", PROVIDER)
                .description("Session lifetime").register(registry);
    }

    void connected(long nanos) {
        connect.record(Duration.ofNanos(nanos));
    }

    void firstAudio(long nanos) {
        firstAudio.record(Duration.ofNanos(nanos));
    }

    void sessionClosed(long nanos) {
        duration.record(Duration.ofNanos(nanos));
    }

    void failure(String kind) {
        Counter.builder("sparring.provider.failures").tag("provider", PROVIDER).tag("kind", kind)
                .description("Provider failures by kind").register(registry).increment();
    }
}
