package dev.sparring.media.webrtc.dtls;

import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts BouncyCastle's blocking {@link DatagramTransport} to sans-I/O: inbound datagrams arrive
 * through {@link #offer} (from the event loop, never blocking) into a bounded queue that
 * {@link #receive} polls on the handshake thread; outbound datagrams go straight to the sink.
 *
 * <p>Owns the inbound queue. {@link #offer} and {@link #stop} may be called from any thread;
 * {@link #receive} only from the one thread running the DTLS protocol. Once stopped (locally) or
 * closed (by the TLS layer after close_notify or a failure), {@link #receive} throws
 * {@link TransportStoppedException} so the protocol thread unwinds instead of waiting.
 */
final class QueuedDatagramTransport implements DatagramTransport {
    private static final Logger log = LoggerFactory.getLogger(QueuedDatagramTransport.class);
    /** Identity-compared wake-up marker that {@link #stop} puts in the queue. */
    private static final byte[] STOP = new byte[0];
    /** Largest datagram accepted: a full Ethernet payload, more than any DTLS peer sends. */
    static final int MIN_RECEIVE_LIMIT = 1500;

    private final ArrayBlockingQueue<byte[]> inbound;
    private final int capacity;
    private final DatagramSink sink;
    private final int sendLimit;
    private final int receiveLimit;
    private volatile boolean stopped;
    private volatile boolean closedByTls;

    QueuedDatagramTransport(int capacity, DatagramSink sink, int mtu) {
        // One extra slot so the stop marker always fits behind a full queue of data.
        this.inbound = new ArrayBlockingQueue<>(capacity + 1);
        this.sink = sink;
        this.sendLimit = mtu;
        this.receiveLimit = Math.max(mtu, MIN_RECEIVE_LIMIT);
        this.capacity = capacity;
    }

    /** Copies and enqueues one datagram; false if it was dropped (full queue, oversized, stopped). */
    boolean offer(byte[] data, int off, int len) {
        if (stopped || closedByTls || len > receiveLimit || inbound.size() >= capacity) {
            return false;
        }
        return inbound.offer(Arrays.copyOfRange(data, off, off + len));
    }

    /** Wakes the protocol thread and makes every later {@link #receive} throw. */
    void stop() {
        stopped = true;
        while (!inbound.offer(STOP)) {
            inbound.poll();
        }
    }

    boolean isStopped() {
        return stopped;
    }

    @Override
    public int getReceiveLimit() {
        return receiveLimit;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws InterruptedIOException {
        if (stopped || closedByTls) {
            throw new TransportStoppedException();
        }
        byte[] datagram;
        try {
            // BouncyCastle passes 0 for "no timeout" once the handshake is done.
            datagram = waitMillis > 0 ? inbound.poll(waitMillis, TimeUnit.MILLISECONDS) : inbound.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportStoppedException();
        }
        if (datagram == null) {
            return -1;
        }
        if (datagram == STOP) {
            throw new TransportStoppedException();
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        try {
            sink.send(Arrays.copyOfRange(buf, off, off + len));
        } catch (RuntimeException e) {
            // A datagram the network loses is normal for DTLS: it retransmits, so a failing sink is one more loss.
            log.debug("DTLS datagram sink failed; treating the datagram as lost", e);
        }
    }

    /** Called by the TLS record layer once the association is over (close_notify or failure). */
    @Override
    public void close() {
        closedByTls = true;
    }

    /**
     * Thrown from {@link #receive} when the session is over. An {@link InterruptedIOException}
     * because BouncyCastle rethrows those without failing the record layer, so a close_notify can
     * still be sent afterwards.
     */
    static final class TransportStoppedException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        TransportStoppedException() {
            super("DTLS transport stopped");
        }
    }
}
