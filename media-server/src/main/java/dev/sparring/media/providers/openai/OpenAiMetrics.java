package dev.sparring.media.providers.openai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Provider metrics, tagged {@code provider=openai}, named like the other providers' so one dashboard
 * covers all: {@code sparring.provider.connect} (new TCP + TLS connection),
 * {@code sparring.provider.ttfb} (request started → first content token),
 * {@code sparring.provider.duration} (request started → reply complete) and
 * {@code sparring.provider.failures} (tag {@code kind}: auth, quota, rate-limited, request, server,
 * timeout, connect, dropped, protocol). Cancelled replies count in none. Thread-safe (Micrometer meters).
 */
final class OpenAiMetrics {
    private final MeterRegistry registry;
    private final Timer connect;
    private final Timer firstToken;
    private final Timer duration;

    OpenAiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.connect = Timer.builder("sparring.provider.connect").tag("provider", OpenAiLanguageModel.PROVIDER)
                .description("Connection set-up: TCP connect and TLS handshake").register(registry);
        this.firstToken = Timer.builder("sparring.provider.ttfb").tag("provider", OpenAiLanguageModel.PROVIDER)
                .description("Chat request started to its first content token").register(registry);
        this.duration = Timer.builder("sparring.provider.duration").tag("provider", OpenAiLanguageModel.PROVIDER)
                .description("Chat request started to its last token").register(registry);
    }

    void connected(long nanos) {
        connect.record(Duration.ofNanos(nanos));
    }

    void firstToken(long nanos) {
        firstToken.record(Duration.ofNanos(nanos));
    }

    void completed(long nanos) {
        duration.record(Duration.ofNanos(nanos));
    }

    void failure(String kind) {
        Counter.builder("sparring.provider.failures").tag("provider", OpenAiLanguageModel.PROVIDER).tag("kind", kind)
                .description("Provider failures by kind").register(registry).increment();
    }
}
