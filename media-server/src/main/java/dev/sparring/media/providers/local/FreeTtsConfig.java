package dev.sparring.media.providers.local;

import dev.sparring.media.pipeline.PipelineException;

/**
 * Settings of the local FreeTTS synthesiser.
 *
 * <ul>
 *   <li>{@code freetts-threads} (2): synthesis workers shared by all calls (CPU work, never on an event loop).</li>
 *   <li>{@code freetts-queue} (256): synthesis requests waiting for a worker before new ones fail (retryable).</li>
 *   <li>{@code freetts-cache-bytes} (33554432 = 32 MiB): LRU cache of synthesised lines, so scripted lines are synthesised once.</li>
 *   <li>{@code freetts-chunk-ms} (100): size of the audio chunks handed to the pipeline.</li>
 * </ul>
 */
public record FreeTtsConfig(int threads, int queue, long cacheBytes, int chunkMs) {
    public FreeTtsConfig {
        if (threads < 1 || queue < 1 || cacheBytes < 0 || chunkMs < 10) {
            throw new PipelineException("invalid FreeTTS settings: threads=" + threads + " queue=" + queue
                    + " cache-bytes=" + cacheBytes + " chunk-ms=" + chunkMs);
        }
    }

    public static FreeTtsConfig defaults() {
        return new FreeTtsConfig(2, 256, 32L * 1024 * 1024, 100);
    }
}
