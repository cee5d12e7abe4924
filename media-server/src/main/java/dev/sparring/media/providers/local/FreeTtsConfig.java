package dev.sparring.media.providers.local;

import dev.sparring.media.pipeline.PipelineException;

/**
 * Settings of the local FreeTTS synthesiser. The server reads them from
 * {@code config/media-server.properties} (the one place of defaults); {@link #defaults()} mirrors
 * that file for tests and embedders.
 *
 * <ul>
 *   <li>{@code freetts-threads} (2): synthesis workers shared by all calls (CPU work, never on an event loop).</li>
 *   <li>{@code freetts-queue} (256): synthesis requests waiting for a worker before new ones fail (retryable).</li>
 *   <li>{@code freetts-cache} (32 MiB, {@code cacheBytes}): LRU cache of synthesised lines, so scripted
 *       lines are synthesised once; 0 disables it.</li>
 *   <li>{@code freetts-chunk} (100 ms, {@code chunkMs}): size of the audio chunks handed to the pipeline.</li>
 * </ul>
 */
public record FreeTtsConfig(int threads, int queue, long cacheBytes, int chunkMs) {
    public FreeTtsConfig {
        if (threads < 1) {
            throw new PipelineException("freetts-threads must be >= 1, was " + threads);
        }
        if (queue < 1) {
            throw new PipelineException("freetts-queue must be >= 1, was " + queue);
        }
        if (cacheBytes < 0) {
            throw new PipelineException("freetts-cache must be >= 0 bytes, was " + cacheBytes);
        }
        if (chunkMs < 10) {
            throw new PipelineException("freetts-chunk must be >= 10 ms, was " + chunkMs + " ms");
        }
    }

    public static FreeTtsConfig defaults() {
        return new FreeTtsConfig(2, 256, 32L * 1024 * 1024, 100);
    }
}
