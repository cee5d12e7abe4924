package dev.sparring.media.webrtc;

import dev.sparring.media.call.LiveCall;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.OutboundTransport;
import dev.sparring.media.webrtc.dtls.DtlsListener;
import dev.sparring.media.webrtc.dtls.DtlsServerSession;
import dev.sparring.media.webrtc.dtls.Fingerprint;
import dev.sparring.media.webrtc.ice.IceLiteAgent;
import dev.sparring.media.webrtc.ice.IceResult;
import dev.sparring.media.webrtc.srtp.SrtpContext;
import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import dev.sparring.media.webrtc.srtp.SrtpResult;
import dev.sparring.media.webrtc.stun.StunMessage;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser on the shared UDP port: its ICE-lite agent, DTLS session, SRTP contexts and media
 * path, joined to its {@link LiveCall}.
 *
 * <p>Life: created by an accepted offer (the call is admitted then); STUN checks validate the
 * browser's address; the first DTLS datagram from a checked address starts the handshake; once
 * keys are agreed the call begins (session fetch, pipeline) and a 20 ms media tick runs the jitter
 * buffer into the pipeline and the paced playout out as Opus/RTP. It ends once, through the call:
 * the browser's hang-up ({@code DELETE}), DTLS close_notify, lost consent, the connect timeout, or
 * any ending of the call itself (drain, max duration, silence).
 *
 * <p>Every field is touched only on {@code executor} (the event loop of the HTTP connection that
 * posted the offer); datagrams arrive there through {@link PeerTable}, DTLS callbacks through the
 * session's callback executor.
 */
final class WebRtcPeer implements PeerTable.Peer {
    private static final Logger log = LoggerFactory.getLogger(WebRtcPeer.class);
    static final int TICK_MS = 20;
    private static final int RTCP_INTERVAL_MS = 5_000;

    private final PeerContext context;
    private final EventLoop executor;
    private final Clock clock;
    private final IceLiteAgent ice;
    private final String localUfrag;
    private final MediaPath media;
    private final LiveCall call;
    private final String resourceId;
    private final Fingerprint remoteFingerprint;
    private Optional<DtlsServerSession> dtls = Optional.empty();
    private SrtpContext inbound;
    private SrtpContext outbound;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> connectTimer;
    private long lastRtcpMs;
    private boolean closed;

    WebRtcPeer(PeerContext context, EventLoop executor, IceLiteAgent ice, String localUfrag, int opusPayloadType,
               long ssrc, String cname, Fingerprint remoteFingerprint, String resourceId) {
        this.context = context;
        this.executor = executor;
        this.clock = context.services().clock();
        this.ice = ice;
        this.localUfrag = localUfrag;
        this.resourceId = resourceId;
        this.remoteFingerprint = remoteFingerprint;
        this.call = new LiveCall(context.services(), executor, "webrtc", this::teardown);
        this.media = MediaPath.create(context.config(), opusPayloadType, ssrc, cname, clock, context.metrics(),
                call::audio, call::markPlayed);
    }

    LiveCall call() {
        return call;
    }

    String resourceId() {
        return resourceId;
    }

    /** The offer was refused after the peer was made: free its codecs; nothing else was started. */
    void discard() {
        closed = true;
        media.close();
    }

    /** After admission: hang up if ICE and DTLS do not complete in time. */
    void awaitConnection() {
        context.metrics().peerOpened();
        long timeout = context.config().connectTimeout().toMillis();
        connectTimer = executor.schedule(() -> call.inMdc(() -> {
            if (inbound == null) {
                log.info("browser did not connect within {} ms (ICE {}, DTLS {})", timeout,
                        ice.selectedAddress().isPresent() ? "checked" : "never checked",
                        dtls.isPresent() ? "started" : "never started");
                context.metrics().handshake("connect-timeout");
                call.end("error", LiveCall.CLOSE_NORMAL, "connect-timeout");
            }
        }), timeout, TimeUnit.MILLISECONDS);
    }

    @Override
    public String localUfrag() {
        return localUfrag;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void onStun(StunMessage request, InetSocketAddress from) {
        if (closed) {
            return;
        }
        switch (ice.onStun(request, from)) {
            case IceResult.Respond r -> {
                context.peers().bind(from, this);
                context.udp().send(r.response(), from);
            }
            case IceResult.Reject r -> {
                context.metrics().dropped("stun", r.problem());
                context.udp().send(r.errorResponse(), from);
            }
            case IceResult.Drop d -> context.metrics().dropped("stun", d.problem());
        }
    }

    @Override
    public void onDtls(byte[] datagram, InetSocketAddress from) {
        if (closed) {
            return;
        }
        if (!ice.isValidated(from)) {
            context.metrics().dropped("dtls-unchecked-address");
            return;
        }
        if (dtls.isEmpty()) {
            dtls = Optional.of(DtlsServerSession.start(context.certificate(), remoteFingerprint,
                    this::sendDtls, executor, new Handshake(), context.dtlsSettings()));
        }
        dtls.get().onDatagram(datagram, 0, datagram.length);
    }

    @Override
    public void onRtp(byte[] datagram, InetSocketAddress from) {
        if (closed) {
            return;
        }
        if (inbound == null) {
            context.metrics().dropped("srtp-before-dtls");
            return;
        }
        if (!ice.isValidated(from)) {
            context.metrics().dropped("rtp-unchecked-address");
            return;
        }
        boolean rtcp = MediaPath.isRtcp(datagram);
        SrtpResult result = rtcp ? inbound.unprotectRtcp(datagram, 0, datagram.length)
                : inbound.unprotectRtp(datagram, 0, datagram.length);
        switch (result) {
            case SrtpResult.Ok ok -> {
                if (rtcp) {
                    media.onRtcp(ok.packet(), clock.millis());
                } else {
                    media.onRtp(ok.packet(), clock.millis());
                }
            }
            case SrtpResult.Failed failed -> context.metrics().dropped(rtcp ? "srtcp" : "srtp", failed.reason());
        }
    }

    private void sendDtls(byte[] datagram) {
        // Called from the handshake's thread: the UDP endpoint is thread-safe.
        ice.selectedAddress().ifPresent(to -> context.udp().send(datagram, to));
    }

    /** DTLS outcomes, on the executor. */
    private final class Handshake implements DtlsListener {
        @Override
        public void onEstablished(SrtpKeyMaterial keys) {
            call.inMdc(() -> {
                if (closed) {
                    return;
                }
                context.metrics().handshake("ok");
                inbound = SrtpContext.forInbound(keys);
                outbound = SrtpContext.forOutbound(keys);
                if (connectTimer != null) {
                    connectTimer.cancel(false);
                }
                String remote = ice.selectedAddress().map(InetSocketAddress::toString).orElse("");
                log.info("browser {} connected (DTLS-SRTP {})", remote, keys.profile());
                call.begin(Map.of("remote_address", remote, "srtp_profile", keys.profile().name()), new Transport());
                lastRtcpMs = clock.millis();
                tick = executor.scheduleAtFixedRate(() -> call.inMdc(WebRtcPeer.this::onTick), TICK_MS, TICK_MS,
                        TimeUnit.MILLISECONDS);
            });
        }

        @Override
        public void onFailed(String reason) {
            call.inMdc(() -> {
                context.metrics().handshake("failed");
                log.warn("DTLS handshake failed: {}", reason);
                call.end("error", LiveCall.CLOSE_NORMAL, "dtls-failed");
            });
        }

        @Override
        public void onClosed() {
            call.inMdc(() -> {
                log.info("browser closed DTLS (hang-up)");
                call.end("hangup", LiveCall.CLOSE_NORMAL, "dtls-closed");
            });
        }
    }

    /** The media clock: inbound frames to the call, outbound frames to the browser, RTCP, consent. */
    private void onTick() {
        if (closed) {
            return;
        }
        long now = clock.millis();
        if (ice.consentExpired(now)) {
            log.info("browser's consent expired (no STUN check for {})", context.config().consentTimeout());
            call.end("hangup", LiveCall.CLOSE_NORMAL, "consent-expired");
            return;
        }
        media.pollInbound(now);
        Optional<InetSocketAddress> to = ice.selectedAddress();
        media.nextOutbound(now).ifPresent(rtp -> to.ifPresent(addr -> context.udp().send(
                outbound.protectRtp(rtp.array(), rtp.offset(), rtp.length()), addr)));
        if (now - lastRtcpMs >= RTCP_INTERVAL_MS) {
            lastRtcpMs = now;
            byte[] rtcp = media.rtcpReport();
            to.ifPresent(addr -> context.udp().send(outbound.protectRtcp(rtcp, 0, rtcp.length), addr));
        }
    }

    /** The call's ending, on the executor: stop the media, close DTLS, forget the peer. */
    private void teardown(String reason, int closeCode, String detail) {
        if (closed) {
            return;
        }
        closed = true;
        if (tick != null) {
            tick.cancel(false);
        }
        if (connectTimer != null) {
            connectTimer.cancel(false);
        }
        dtls.ifPresent(DtlsServerSession::close);
        context.peers().unregister(this);
        context.resources().remove(resourceId, this);
        media.close();
        context.metrics().peerClosed();
        log.info("WebRTC peer closed: {} ({})", reason, detail);
    }

    /** The pipeline's way out: PCM16 16 kHz into the paced playout. Executor only. */
    private final class Transport implements OutboundTransport {
        @Override
        public void sendAudio(byte[] payload) {
            if (!closed) {
                media.enqueue(payload);
            }
        }

        @Override
        public void sendMark(String name) {
            if (!closed) {
                media.mark(name);
            }
        }

        @Override
        public void sendClear() {
            if (!closed) {
                media.clear();
            }
        }

        @Override
        public AudioEncoding encoding() {
            return AudioEncoding.PCM16_16K;
        }
    }
}
