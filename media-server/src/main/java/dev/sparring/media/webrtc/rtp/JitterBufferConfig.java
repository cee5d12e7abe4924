package dev.sparring.media.webrtc.rtp;

/**
 * Settings of a {@link JitterBuffer}; every packet is taken to hold one 20 ms frame on the 48 kHz
 * Opus RTP clock.
 *
 * @param minDelayMs the least playout delay, default 20: one frame in flight
 * @param maxDelayMs the most the adaptive delay may grow to, default 120: beyond that the caller
 *        hears the lag in the conversation more than the occasional concealed packet
 * @param idleAfterMs with nothing buffered, how long without a packet before the stream counts as
 *        idle (the sender paused or used DTX) and the buffer reports {@code Empty} instead of
 *        losses; default 200
 */
public record JitterBufferConfig(int minDelayMs, int maxDelayMs, int idleAfterMs) {

    public static final int FRAME_MS = 20;

    public JitterBufferConfig {
        if (minDelayMs < FRAME_MS || minDelayMs % FRAME_MS != 0) {
            throw new IllegalArgumentException("jitter buffer min delay must be a positive multiple of 20 ms: " + minDelayMs);
        }
        if (maxDelayMs < minDelayMs || maxDelayMs % FRAME_MS != 0 || maxDelayMs > 200) {
            throw new IllegalArgumentException("jitter buffer max delay must be a multiple of 20 ms in [min, 200]: " + maxDelayMs);
        }
        if (idleAfterMs < FRAME_MS) {
            throw new IllegalArgumentException("jitter buffer idle timeout must be at least 20 ms: " + idleAfterMs);
        }
    }

    /** 20 ms to 120 ms adaptive delay, idle after 200 ms without packets. */
    public static JitterBufferConfig defaults() {
        return new JitterBufferConfig(20, 120, 200);
    }
}
