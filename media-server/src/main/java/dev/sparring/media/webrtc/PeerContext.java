package dev.sparring.media.webrtc;

import dev.sparring.media.call.CallServices;
import dev.sparring.media.webrtc.dtls.DtlsCertificate;
import dev.sparring.media.webrtc.dtls.DtlsSettings;
import java.util.concurrent.ConcurrentMap;

/**
 * What every {@link WebRtcPeer} of the process shares: the call services, the settings, the UDP
 * port and its demultiplexer, the DTLS certificate, the meters, and the signalling resources
 * (resource id → peer) a {@code DELETE} finds. All thread-safe.
 */
record PeerContext(
        CallServices services,
        WebRtcConfig config,
        WebRtcMetrics metrics,
        PeerTable peers,
        UdpEndpoint udp,
        DtlsCertificate certificate,
        DtlsSettings dtlsSettings,
        ConcurrentMap<String, WebRtcPeer> resources) {}
