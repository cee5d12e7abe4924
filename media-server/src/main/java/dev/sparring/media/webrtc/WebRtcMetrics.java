package dev.sparring.media.webrtc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebRTC transport's meters: {@code sparring_webrtc_dropped_packets_total{reason}} (every
 * datagram we refuse, by why), {@code sparring_webrtc_peers} (peers between offer and teardown),
 * {@code sparring_webrtc_handshakes_total{outcome}}, {@code sparring_webrtc_packets_total{direction}}.
 * Thread-safe: the UDP event loop and every peer's executor count here.
 */
public final class WebRtcMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> handshakes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> signalling = new ConcurrentHashMap<>();
    private final AtomicInteger peers = new AtomicInteger();
    private final Counter packetsIn;
    private final Counter packetsOut;

    public WebRtcMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("sparring.webrtc.peers", peers);
        packetsIn = Counter.builder("sparring.webrtc.packets").tag("direction", "in").register(registry);
        packetsOut = Counter.builder("sparring.webrtc.packets").tag("direction", "out").register(registry);
    }

    /** A datagram refused: garbage, unknown peer, failed check, failed authentication, malformed. */
    public void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("sparring.webrtc.dropped.packets")
                .description("datagrams dropped by the WebRTC transport, by reason")
                .tag("reason", r).register(registry)).increment();
    }

    /** A datagram refused by a stage, labelled {@code <stage>-<reason-in-kebab-case>} (e.g. {@code srtp-auth-failed}). */
    public void dropped(String stage, Enum<?> reason) {
        dropped(stage + "-" + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    public double droppedCount(String reason) {
        Counter c = dropped.get(reason);
        return c == null ? 0 : c.count();
    }

    /** An offer (or other signalling request) refused, by reason. */
    public void signallingRefused(String reason) {
        signalling.computeIfAbsent(reason, r -> Counter.builder("sparring.webrtc.signalling.refused")
                .tag("reason", r).register(registry)).increment();
    }

    public void handshake(String outcome) {
        handshakes.computeIfAbsent(outcome, o -> Counter.builder("sparring.webrtc.handshakes")
                .tag("outcome", o).register(registry)).increment();
    }

    public void packetIn() {
        packetsIn.increment();
    }

    public void packetOut() {
        packetsOut.increment();
    }

    public void peerOpened() {
        peers.incrementAndGet();
    }

    public void peerClosed() {
        peers.decrementAndGet();
    }
}
