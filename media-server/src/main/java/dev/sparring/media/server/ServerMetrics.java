package dev.sparring.media.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The transport's meters. Thread-safe (Micrometer meters are). Names follow Prometheus style;
 * the Prometheus registry appends {@code _total} to counters.
 */
public final class ServerMetrics {
    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter framesMissing;
    private final Counter framesLate;
    private final Counter framesDroppedAtStartup;

    public ServerMetrics(MeterRegistry registry, CallRegistry calls) {
        this.registry = registry;
        Gauge.builder("sparring_active_calls", calls, CallRegistry::size)
                .description("calls hosted by this server").register(registry);
        this.framesIn = registry.counter("sparring_frames_in");
        this.framesOut = registry.counter("sparring_frames_out");
        this.framesMissing = registry.counter("sparring_inbound_frames_missing");
        this.framesLate = registry.counter("sparring_inbound_frames_late");
        this.framesDroppedAtStartup = registry.counter("sparring_inbound_frames_dropped_at_startup");
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void frameOut() {
        framesOut.increment();
    }

    /** Frames Twilio numbered but we never received (gap in {@code media.chunk}). */
    public void framesMissing(long n) {
        framesMissing.increment(n);
    }

    /** Frames that arrived after a later one (dropped: they would garble the audio). */
    public void frameLate() {
        framesLate.increment();
    }

    public void frameDroppedAtStartup() {
        framesDroppedAtStartup.increment();
    }

    /** A refused message, stream or request, by reason tag. */
    public void rejected(String reason) {
        registry.counter("sparring_rejected_messages", "reason", reason).increment();
    }

    /** A call ended, by contract reason. */
    public void callEnded(String reason) {
        registry.counter("sparring_calls_ended", "reason", reason).increment();
    }
}
