package dev.sparring.media.webrtc.dtls;

import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's DTLS-SRTP server side as a sans-I/O stage: datagrams in through
 * {@link #onDatagram}, datagrams out through the {@link DatagramSink}, outcomes to a
 * {@link DtlsListener} on the peer's executor.
 *
 * <p>BouncyCastle's DTLS API blocks, so each session runs the protocol on its own virtual thread
 * fed by a bounded queue; that thread owns the TLS state and calls the sink. {@link #onDatagram}
 * and {@link #close()} may be called from any thread and never block. The thread ends when the
 * handshake fails, the association closes, or {@link #close()} is called; nothing else needs
 * releasing.
 */
public final class DtlsServerSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DtlsServerSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DtlsCertificate certificate;
    private final Fingerprint expectedPeerFingerprint;
    private final Executor callbackExecutor;
    private final DtlsListener listener;
    private final DtlsSettings settings;
    private final DtlsCounters counters;
    private final QueuedDatagramTransport transport;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean established;
    private volatile Thread thread;

    private DtlsServerSession(DtlsCertificate certificate, Fingerprint expectedPeerFingerprint, DatagramSink out,
                              Executor callbackExecutor, DtlsListener listener, DtlsSettings settings,
                              DtlsCounters counters) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.expectedPeerFingerprint = Objects.requireNonNull(expectedPeerFingerprint, "expectedPeerFingerprint");
        this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.transport = new QueuedDatagramTransport(settings.inboundQueueCapacity(),
                Objects.requireNonNull(out, "out"), settings.mtu());
    }

    /** Starts a session that counts into its own {@link DtlsCounters} (see {@link #counters()}). */
    public static DtlsServerSession start(DtlsCertificate certificate, Fingerprint expectedPeerFingerprint,
                                          DatagramSink out, Executor callbackExecutor, DtlsListener listener,
                                          DtlsSettings settings) {
        return start(certificate, expectedPeerFingerprint, out, callbackExecutor, listener, settings, new DtlsCounters());
    }

    /**
     * Starts the server side of a handshake and waits, off the caller's thread, for the client's
     * first flight.
     *
     * @param expectedPeerFingerprint the {@code a=fingerprint} of the remote SDP; the client's
     *                                certificate must hash to it
     * @param counters                shared across sessions so the lead can export totals
     */
    public static DtlsServerSession start(DtlsCertificate certificate, Fingerprint expectedPeerFingerprint,
                                          DatagramSink out, Executor callbackExecutor, DtlsListener listener,
                                          DtlsSettings settings, DtlsCounters counters) {
        DtlsServerSession session = new DtlsServerSession(certificate, expectedPeerFingerprint, out,
                callbackExecutor, listener, settings, counters);
        session.thread = Thread.ofVirtual().name("dtls-" + IDS.incrementAndGet()).start(session::run);
        return session;
    }

    /** Hands one DTLS datagram to the session: copied, never blocks; dropped and counted if the queue is full. */
    public void onDatagram(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (!transport.offer(data, off, len) && !transport.isStopped() && !ended.get()) {
            counters.datagramDropped();
        }
    }

    /**
     * Ends the session: sends close_notify if the handshake completed, stops the protocol thread,
     * and (if nothing ended the session before) reports {@link DtlsListener#onClosed()}. Idempotent.
     */
    @Override
    public void close() {
        transport.stop();
    }

    public boolean isEstablished() {
        return established;
    }

    /** True until the protocol thread has ended. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public DtlsCounters counters() {
        return counters;
    }

    private void run() {
        SrtpDtlsServer server = new SrtpDtlsServer(new BcTlsCrypto(RANDOM), certificate, expectedPeerFingerprint,
                (int) settings.handshakeTimeout().toMillis());
        DTLSTransport dtls;
        try {
            dtls = new DTLSServerProtocol().accept(server, transport);
        } catch (IOException | RuntimeException e) {
            handshakeEnded(server, e);
            return;
        }
        SrtpKeyMaterial keys = server.keys().orElseThrow(() -> new DtlsException("handshake completed without SRTP keys"));
        established = true;
        counters.handshakeSucceeded();
        log.debug("DTLS handshake completed, SRTP profile {}", keys.profile());
        deliver(() -> listener.onEstablished(keys));
        receiveUntilClosed(server, dtls);
    }

    private void handshakeEnded(SrtpDtlsServer server, Exception e) {
        if (transport.isStopped()) {
            end(listener::onClosed);
            return;
        }
        DtlsFailure reason = server.failure().orElseGet(() -> classify(e));
        String detail = switch (reason) {
            case ALERT_RECEIVED -> ": " + server.failureDetail();
            case PROTOCOL_ERROR -> ": " + describe(e);
            default -> "";
        };
        counters.handshakeFailed(reason);
        log.info("DTLS handshake failed: {}{}", reason.description(), detail);
        end(() -> listener.onFailed(reason.description() + detail));
    }

    /** After the handshake nothing but alerts is expected: WebRTC media travels as SRTP beside DTLS. */
    private void receiveUntilClosed(SrtpDtlsServer server, DTLSTransport dtls) {
        byte[] buffer = new byte[transport.getReceiveLimit()];
        try {
            while (true) {
                if (dtls.receive(buffer, 0, buffer.length, 0) >= 0) {
                    counters.applicationDataIgnored(1);
                }
            }
        } catch (QueuedDatagramTransport.TransportStoppedException e) {
            if (transport.isStopped() && !server.closeNotifyReceived()) {
                closeQuietly(dtls);
            }
        } catch (IOException | RuntimeException e) {
            log.info("DTLS association ended: {}", describe(e));
        }
        end(listener::onClosed);
    }

    private static void closeQuietly(DTLSTransport dtls) {
        try {
            dtls.close();
        } catch (IOException e) {
            log.debug("close_notify could not be sent", e);
        }
    }

    private static DtlsFailure classify(Exception e) {
        if (e instanceof TlsTimeoutException) {
            return DtlsFailure.TIMEOUT;
        }
        if (e instanceof TlsFatalAlertReceived) {
            return DtlsFailure.ALERT_RECEIVED;
        }
        return DtlsFailure.PROTOCOL_ERROR;
    }

    private static String describe(Exception e) {
        if (e instanceof TlsFatalAlert alert) {
            return AlertDescription.getText(alert.getAlertDescription());
        }
        return e.getClass().getSimpleName();
    }

    private void end(Runnable callback) {
        if (ended.compareAndSet(false, true)) {
            deliver(callback);
        }
    }

    private void deliver(Runnable callback) {
        try {
            callbackExecutor.execute(callback);
        } catch (RejectedExecutionException e) {
            log.debug("DTLS outcome dropped: the peer's executor is shut down");
        }
    }
}
