package dev.sparring.media.webrtc.dtls;

/**
 * Where a DTLS session's outbound datagrams go (the peer's UDP address on the shared socket).
 * Called from the session's handshake thread, so implementations must be thread-safe and must
 * not block; the array is the callee's to keep.
 */
@FunctionalInterface
public interface DatagramSink {
    void send(byte[] datagram);
}
