package dev.sparring.media.webrtc.dtls;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters across DTLS sessions, for the lead to export as metrics. One instance is meant to be
 * shared by every session of a server; every method is thread-safe.
 */
public final class DtlsCounters {
    private final LongAdder handshakesSucceeded = new LongAdder();
    private final Map<DtlsFailure, LongAdder> handshakesFailed;
    private final LongAdder datagramsDropped = new LongAdder();
    private final LongAdder applicationDataIgnored = new LongAdder();

    public DtlsCounters() {
        Map<DtlsFailure, LongAdder> failed = new EnumMap<>(DtlsFailure.class);
        for (DtlsFailure reason : DtlsFailure.values()) {
            failed.put(reason, new LongAdder());
        }
        this.handshakesFailed = Collections.unmodifiableMap(failed);
    }

    public long handshakesSucceeded() {
        return handshakesSucceeded.sum();
    }

    public long handshakesFailed(DtlsFailure reason) {
        return handshakesFailed.get(reason).sum();
    }

    public long handshakesFailed() {
        return handshakesFailed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Inbound datagrams dropped because the session's queue was full or they were oversized. */
    public long datagramsDropped() {
        return datagramsDropped.sum();
    }

    /** Application-data records received after the handshake; WebRTC audio sends none over DTLS. */
    public long applicationDataIgnored() {
        return applicationDataIgnored.sum();
    }

    void handshakeSucceeded() {
        handshakesSucceeded.increment();
    }

    void handshakeFailed(DtlsFailure reason) {
        handshakesFailed.get(reason).increment();
    }

    void datagramDropped() {
        datagramsDropped.increment();
    }

    void applicationDataIgnored(int records) {
        applicationDataIgnored.add(records);
    }
}
