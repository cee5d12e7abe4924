package dev.sparring.media.webrtc;

import dev.sparring.media.call.CallServices;
import dev.sparring.media.controlplane.SessionToken;
import dev.sparring.media.controlplane.TokenRejectedException;
import dev.sparring.media.server.CallRegistry;
import dev.sparring.media.webrtc.dtls.DtlsCertificate;
import dev.sparring.media.webrtc.dtls.DtlsSettings;
import dev.sparring.media.webrtc.dtls.Fingerprint;
import dev.sparring.media.webrtc.ice.IceCredentials;
import dev.sparring.media.webrtc.ice.IceLiteAgent;
import dev.sparring.media.webrtc.ice.IceSettings;
import dev.sparring.media.webrtc.sdp.SdpAnswer;
import dev.sparring.media.webrtc.sdp.SdpException;
import dev.sparring.media.webrtc.sdp.SdpOffer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebRTC transport of the media server: binds the shared UDP port, answers browsers' offers
 * (token, admission, ICE-lite answer with host candidates, {@code a=setup:passive}, our DTLS
 * fingerprint, Opus) and keeps the peers until their calls end.
 *
 * <p>Thread-safe: offers arrive on HTTP event loops (each offer's loop becomes its peer's
 * executor), datagrams on the UDP loop.
 */
public final class WebRtcService implements Signalling, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebRtcService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Offers larger than this are not from a browser making an audio call. */
    private static final int MAX_OFFER_CHARS = 64 * 1024;

    private final PeerContext context;
    private final List<InetSocketAddress> candidates;

    private WebRtcService(PeerContext context, List<InetSocketAddress> candidates) {
        this.context = context;
        this.candidates = candidates;
    }

    /**
     * Binds the UDP port on one of {@code group}'s loops and makes the DTLS certificate.
     *
     * @param bindAddress the media server's bind address (also the default candidate)
     * @throws WebRtcException when the port cannot be bound or no candidate address is known
     */
    public static WebRtcService start(WebRtcConfig config, String bindAddress, EventLoopGroup group,
                                      CallServices services, WebRtcMetrics metrics) {
        PeerTable peers = new PeerTable(metrics);
        UdpEndpoint udp = UdpEndpoint.bind(group, new InetSocketAddress(bindAddress, config.udpPort()), peers, metrics);
        List<InetSocketAddress> candidates = candidates(config, bindAddress, udp.port());
        DtlsSettings dtls = DtlsSettings.defaults();
        PeerContext context = new PeerContext(services, config, metrics, peers, udp, DtlsCertificate.generate(),
                dtls, new ConcurrentHashMap<>());
        log.info("WebRTC on UDP port {}; ICE candidates {}", udp.port(), candidates);
        return new WebRtcService(context, candidates);
    }

    public int udpPort() {
        return context.udp().port();
    }

    public List<InetSocketAddress> candidates() {
        return candidates;
    }

    public WebRtcMetrics metrics() {
        return context.metrics();
    }

    @Override
    public Answer offer(String sdp, Optional<String> sessionToken, EventLoop executor) {
        if (context.services().calls().draining()) {
            throw new SignallingException(503, "draining", "server is draining");
        }
        if (sessionToken.isEmpty()) {
            throw new SignallingException(401, "token-missing", "an offer needs Authorization: Bearer <session token>");
        }
        if (sdp.length() > MAX_OFFER_CHARS) {
            throw new SignallingException(413, "offer-too-large", "an offer of " + sdp.length() + " characters is too large");
        }
        SdpOffer offer;
        try {
            offer = SdpOffer.parse(sdp);
        } catch (SdpException e) {
            // Parsed before the token is checked, so a bad offer does not use up the one-time token.
            throw new SignallingException(400, "bad-sdp", "the offer cannot be answered: " + e.getMessage());
        }
        SessionToken token;
        try {
            token = context.services().tokens().verify(sessionToken, "webrtc");
        } catch (TokenRejectedException e) {
            throw new SignallingException(401, e.rejection().reason(), e.getMessage());
        }
        IceCredentials local = IceCredentials.random();
        IceLiteAgent ice = new IceLiteAgent(local, offer.remoteCredentials(), context.services().clock(),
                new IceSettings(context.config().consentTimeout(), IceSettings.defaults().maxValidatedAddresses()));
        long ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
        Fingerprint remoteFingerprint = offer.fingerprint();
        String cname = "sparring-" + token.callId().substring(0, Math.min(8, token.callId().length()));
        WebRtcPeer peer = new WebRtcPeer(context, executor, ice, local.ufrag(), offer.opusPayloadType(), ssrc, cname,
                remoteFingerprint, resourceId());
        CallRegistry.Admission admission = peer.call().admit(token);
        if (admission != CallRegistry.Admission.ADMITTED) {
            peer.discard();
            int status = admission == CallRegistry.Admission.ALREADY_LIVE ? 409 : 503;
            throw new SignallingException(status, admission.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    peer.call().refusal(admission));
        }
        String answer = SdpAnswer.of(offer, local, context.certificate().fingerprint(),
                candidates, ssrc, cname).toSdp();
        context.peers().register(peer);
        context.resources().put(peer.resourceId(), peer);
        peer.awaitConnection();
        log.info("call {}: answered a browser offer (ICE ufrag {})", token.callId(), local.ufrag());
        return new Answer(answer, peer.resourceId(), token.callId());
    }

    @Override
    public boolean hangUp(String resourceId) {
        WebRtcPeer peer = context.resources().get(resourceId);
        if (peer == null) {
            return false;
        }
        peer.executor().execute(() -> peer.call().inMdc(() -> peer.call().end("hangup", 1000, "browser hung up")));
        return true;
    }

    @Override
    public void close() {
        context.udp().close();
    }

    /** An unguessable resource id: the DELETE URL is a capability, like WHIP's session URL. */
    private static String resourceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The configured public addresses, else the bind address, else (bound to every interface)
     * every IPv4 address of an interface that is up: non-loopback ones first, loopback last.
     */
    static List<InetSocketAddress> candidates(WebRtcConfig config, String bindAddress, int port) {
        List<InetAddress> addresses = new ArrayList<>(config.publicAddresses());
        if (addresses.isEmpty()) {
            try {
                InetAddress bind = InetAddress.getByName(bindAddress);
                if (!bind.isAnyLocalAddress()) {
                    addresses.add(bind);
                } else {
                    List<InetAddress> loopback = new ArrayList<>();
                    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        if (!nic.isUp()) {
                            continue;
                        }
                        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                            if (a instanceof Inet4Address) {
                                (a.isLoopbackAddress() ? loopback : addresses).add(a);
                            }
                        }
                    }
                    addresses.addAll(loopback);
                }
            } catch (SocketException | java.net.UnknownHostException e) {
                throw new WebRtcException("cannot list this host's addresses for ICE candidates: " + e.getMessage(), e);
            }
        }
        if (addresses.isEmpty()) {
            throw new WebRtcException("no address to announce as an ICE candidate: set webrtc-public-addresses");
        }
        return addresses.stream().map(a -> new InetSocketAddress(a, port)).toList();
    }
}
