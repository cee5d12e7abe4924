package dev.sparring.media.providers.elevenlabs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Per-provider meters: {@code sparring.provider.ttfb} (request to first audio),
 * {@code sparring.provider.duration} (request to last audio) and
 * {@code sparring.provider.failures} by {@code kind}; all tagged {@code provider} (
 * {@code elevenlabs} or {@code elevenlabs-http}). Thread-safe.
 */
final class ElevenLabsMetrics {
    private static final String ERRORS = "sparring.provider.failures";

    private final MeterRegistry registry;
    private final String provider;
    private final Timer firstByte;
    private final Timer duration;

    ElevenLabsMetrics(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
        this.firstByte = Timer.builder("sparring.provider.ttfb").tag("provider", provider)
                .description("From a TTS request to its first audio").register(registry);
        this.duration = Timer.builder("sparring.provider.duration").tag("provider", provider)
                .description("From a TTS request to its last audio").register(registry);
    }

    String provider() {
        return provider;
    }

    void firstByte(long nanos) {
        firstByte.record(Duration.ofNanos(nanos));
    }

    void duration(long nanos) {
        duration.record(Duration.ofNanos(nanos));
    }

    void error(String kind) {
        Counter.builder(ERRORS).tag("provider", provider).tag("kind", kind).register(registry).increment();
    }
}
