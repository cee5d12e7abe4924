package dev.sparring.media.server;

import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.pipeline.CallPipelineFactory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the process's {@link CallPipelineFactory} once at startup, with the server config and the
 * meter registry the pipeline registers its own meters in (barge-ins, latencies). {@code Main}
 * finds the implementation through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sparring.media.server.PipelineFactoryProvider}).
 */
public interface PipelineFactoryProvider {
    CallPipelineFactory create(MediaServerConfig config, MeterRegistry registry);
}
