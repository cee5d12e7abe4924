package dev.sparring.media.providers.failover;

import dev.sparring.media.pipeline.CallEventSink;
import dev.sparring.media.pipeline.ProviderException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a provider failure that failover absorbed: a {@code provider.error} event in the call's
 * log (with what was done about it) and a counted metric, so a call that sounded fine still tells
 * its story. Thread-safe (the event sink and Micrometer are).
 */
public final class FailoverEvents {
    private final CallEventSink events;
    private final MeterRegistry registry;

    public FailoverEvents(CallEventSink events, MeterRegistry registry) {
        this.events = events;
        this.registry = registry;
    }

    /** @param action what failover did: {@code retried}, {@code fallback-line}, {@code fallback-tts}, {@code gave-up} */
    public void failed(ProviderException error, String action) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", error.provider());
        data.put("kind", error.kind());
        data.put("message", error.getMessage());
        data.put("retryable", error.retryable());
        data.put("action", action);
        events.append("provider.error", data);
        Counter.builder("sparring.provider.failovers")
                .description("Provider failures absorbed by failover, by provider, kind and action")
                .tag("provider", error.provider()).tag("kind", error.kind()).tag("action", action)
                .register(registry).increment();
    }
}
