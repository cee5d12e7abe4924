package dev.sparring.media.pipeline;

/**
 * Outbound pacing settings, in milliseconds. The server reads them from
 * {@code config/media-server.properties} (the one place of defaults); {@link #defaults()} mirrors
 * that file for tests and embedders.
 *
 * <ul>
 *   <li>{@code playout-chunk} (20 ms): audio per transport message. Twilio accepts any size;
 *       20 ms keeps the clear/pause granularity fine at 50 messages a second.</li>
 *   <li>{@code playout-mark-every} (100 ms): a mark after this much audio; the heard position of an
 *       interrupted reply is known to within this (plus the network's one-way delay).</li>
 *   <li>{@code playout-lead} (200 ms): audio allowed ahead of real time at the far end, absorbing
 *       jitter; also the most a {@code clear} ever has to throw away.</li>
 * </ul>
 */
public record PlayoutConfig(int chunkMs, int markEveryMs, int leadMs) {
    public PlayoutConfig {
        if (chunkMs < 10 || chunkMs > 100 || chunkMs % 10 != 0) {
            throw new PipelineException("playout-chunk must be 10..100 ms in steps of 10, was " + chunkMs);
        }
        if (markEveryMs < chunkMs || markEveryMs % chunkMs != 0) {
            throw new PipelineException("playout-mark-every must be a multiple of playout-chunk, was " + markEveryMs);
        }
        if (leadMs < chunkMs) {
            throw new PipelineException("playout-lead must be >= playout-chunk, was " + leadMs);
        }
    }

    public static PlayoutConfig defaults() {
        return new PlayoutConfig(20, 100, 200);
    }
}
