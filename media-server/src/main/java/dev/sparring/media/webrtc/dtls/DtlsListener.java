package dev.sparring.media.webrtc.dtls;

import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;

/**
 * A session's outcome, delivered on the callback executor given to
 * {@link DtlsServerSession#start}. {@link #onEstablished} comes at most once; then exactly one of
 * {@link #onFailed} (the handshake never completed) or {@link #onClosed} (either side closed, or
 * {@link DtlsServerSession#close()} was called) ends the session.
 */
public interface DtlsListener {
    /** The handshake completed: the SRTP keys for this peer. */
    void onEstablished(SrtpKeyMaterial keys);

    /** The handshake failed; the reason is short and has no secrets (e.g. "fingerprint mismatch"). */
    void onFailed(String reason);

    /** The association ended: close_notify from the peer, a fatal alert after the handshake, or a local close. */
    void onClosed();
}
