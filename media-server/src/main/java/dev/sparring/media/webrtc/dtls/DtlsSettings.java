package dev.sparring.media.webrtc.dtls;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-session DTLS settings.
 *
 * @param mtu largest datagram the session sends (handshake messages are fragmented to fit);
 *            default 1200, what browsers use, safe on every path
 * @param handshakeTimeout how long a handshake may take before {@link DtlsListener#onFailed};
 *            default 10 s
 * @param inboundQueueCapacity datagrams buffered between the event loop and the handshake thread;
 *            beyond it {@link DtlsServerSession#onDatagram} drops and counts; default 64
 */
public record DtlsSettings(int mtu, Duration handshakeTimeout, int inboundQueueCapacity) {
    public static final int DEFAULT_MTU = 1200;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_INBOUND_QUEUE_CAPACITY = 64;

    public DtlsSettings {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (mtu < 256 || mtu > 65_507) {
            throw new DtlsException("dtls mtu must be within 256..65507, was " + mtu);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new DtlsException("dtls handshake timeout must be positive, was " + handshakeTimeout);
        }
        if (inboundQueueCapacity < 1) {
            throw new DtlsException("dtls inbound queue capacity must be at least 1, was " + inboundQueueCapacity);
        }
    }

    public static DtlsSettings defaults() {
        return new DtlsSettings(DEFAULT_MTU, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_INBOUND_QUEUE_CAPACITY);
    }

    public DtlsSettings withHandshakeTimeout(Duration timeout) {
        return new DtlsSettings(mtu, timeout, inboundQueueCapacity);
    }

    public DtlsSettings withInboundQueueCapacity(int capacity) {
        return new DtlsSettings(mtu, handshakeTimeout, capacity);
    }
}
