package dev.sparring.loadtest.simulators.elevenlabs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failures the {@link ElevenLabsSimulator} injects, as a load test or an offline demo would ask for
 * them. Each knob is one-shot or counted, so a client that reconnects meets a healthy server again.
 * Thread-safe: set from any thread, read by the simulator's event loops.
 */
public final class ElevenLabsFaults {
    private final AtomicInteger rateLimitedRequests = new AtomicInteger();
    private final AtomicInteger retryAfterSeconds = new AtomicInteger(1);
    private final AtomicInteger dropAfterChunks = new AtomicInteger(-1);
    private final AtomicInteger malformedAfterChunks = new AtomicInteger(-1);
    private final AtomicLong extraFirstAudioDelayNanos = new AtomicLong();

    /** The next {@code requests} handshakes or HTTP requests get 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int requests, int seconds) {
        retryAfterSeconds.set(seconds);
        rateLimitedRequests.set(requests);
    }

    /** The next connection that has sent {@code chunks} audio messages is cut without a close frame. */
    public void dropAfterChunks(int chunks) {
        dropAfterChunks.set(chunks);
    }

    /** After {@code chunks} audio messages, the next message sent is not valid JSON. */
    public void malformedAfterChunks(int chunks) {
        malformedAfterChunks.set(chunks);
    }

    /** Adds {@code delay} to the first-audio latency of every generation (a slow first byte). */
    public void slowFirstAudio(Duration delay) {
        extraFirstAudioDelayNanos.set(delay.toNanos());
    }

    /** Clears every knob. */
    public void reset() {
        rateLimitedRequests.set(0);
        dropAfterChunks.set(-1);
        malformedAfterChunks.set(-1);
        extraFirstAudioDelayNanos.set(0);
    }

    /** @return the Retry-After seconds if this request is to be refused with 429 */
    int takeRateLimit() {
        while (true) {
            int left = rateLimitedRequests.get();
            if (left <= 0) {
                return -1;
            }
            if (rateLimitedRequests.compareAndSet(left, left - 1)) {
                return retryAfterSeconds.get();
            }
        }
    }

    /** @return true once, when {@code sentChunks} reaches the drop threshold */
    boolean takeDrop(int sentChunks) {
        int at = dropAfterChunks.get();
        return at >= 0 && sentChunks >= at && dropAfterChunks.compareAndSet(at, -1);
    }

    /** @return true once, when {@code sentChunks} reaches the malformed-message threshold */
    boolean takeMalformed(int sentChunks) {
        int at = malformedAfterChunks.get();
        return at >= 0 && sentChunks >= at && malformedAfterChunks.compareAndSet(at, -1);
    }

    Duration extraFirstAudioDelay() {
        return Duration.ofNanos(extraFirstAudioDelayNanos.get());
    }
}
