package dev.sparring.media.webrtc;

import dev.sparring.media.webrtc.stun.StunException;
import dev.sparring.media.webrtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Demultiplexes the shared UDP port: a datagram from an address that passed a STUN check goes to
 * that address's peer; a STUN binding request from a new address is routed by the local ICE ufrag
 * in its USERNAME; DTLS and SRTP from an address no STUN check validated are dropped, so only
 * checked addresses may send media.
 *
 * <p>Thread-safe: the UDP event loop routes, peers bind and unbind from their own executors. Work
 * for a peer is handed to its executor, never run on the UDP event loop.
 */
public final class PeerTable {
    /** A peer as the demultiplexer sees it; every {@code on*} method runs on the peer's executor. */
    public interface Peer {
        String localUfrag();

        java.util.concurrent.Executor executor();

        void onStun(StunMessage request, InetSocketAddress from);

        void onDtls(byte[] datagram, InetSocketAddress from);

        void onRtp(byte[] datagram, InetSocketAddress from);
    }

    private final ConcurrentMap<String, Peer> byUfrag = new ConcurrentHashMap<>();
    private final ConcurrentMap<InetSocketAddress, Peer> byAddress = new ConcurrentHashMap<>();
    private final WebRtcMetrics metrics;

    public PeerTable(WebRtcMetrics metrics) {
        this.metrics = metrics;
    }

    public void register(Peer peer) {
        if (byUfrag.putIfAbsent(peer.localUfrag(), peer) != null) {
            throw new IllegalStateException("ICE ufrag " + peer.localUfrag() + " is already in use");
        }
    }

    /** The peer's address passed a STUN check: its DTLS and media are accepted from now on. */
    public void bind(InetSocketAddress address, Peer peer) {
        Peer previous = byAddress.put(address, peer);
        if (previous != null && previous != peer) {
            // Another peer's old address was reused (a NAT rebinding): the newest check wins.
            metrics.dropped("address-rebound");
        }
    }

    /** Forgets the peer and every address it was bound to. */
    public void unregister(Peer peer) {
        byUfrag.remove(peer.localUfrag(), peer);
        byAddress.values().removeIf(p -> p == peer);
    }

    public int size() {
        return byUfrag.size();
    }

    public Optional<Peer> find(String localUfrag) {
        return Optional.ofNullable(byUfrag.get(localUfrag));
    }

    /** Routes one datagram (owned by the caller: {@code data} is not reused after this call). */
    public void route(byte[] data, InetSocketAddress from) {
        metrics.packetIn();
        switch (PacketKind.of(data, 0, data.length)) {
            case STUN -> routeStun(data, from);
            case DTLS -> {
                Peer peer = byAddress.get(from);
                if (peer == null) {
                    metrics.dropped("dtls-unknown-address");
                } else {
                    peer.executor().execute(() -> peer.onDtls(data, from));
                }
            }
            case RTP -> {
                Peer peer = byAddress.get(from);
                if (peer == null) {
                    metrics.dropped("rtp-unknown-address");
                } else {
                    peer.executor().execute(() -> peer.onRtp(data, from));
                }
            }
            case UNKNOWN -> metrics.dropped("garbage");
        }
    }

    private void routeStun(byte[] data, InetSocketAddress from) {
        StunMessage message;
        try {
            message = StunMessage.parse(data, 0, data.length);
        } catch (StunException e) {
            metrics.dropped("stun-malformed");
            return;
        }
        if (!message.isBindingRequest()) {
            // We are ICE-lite: we never send checks, so responses and indications are not ours.
            metrics.dropped("stun-not-request");
            return;
        }
        Peer peer = byAddress.get(from);
        if (peer == null) {
            String username = message.username().orElse("");
            int colon = username.indexOf(':');
            peer = colon > 0 ? byUfrag.get(username.substring(0, colon)) : null;
        }
        if (peer == null) {
            metrics.dropped("stun-unknown-ufrag");
            return;
        }
        Peer target = peer;
        target.executor().execute(() -> target.onStun(message, from));
    }
}
