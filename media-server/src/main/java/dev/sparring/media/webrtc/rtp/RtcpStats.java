package dev.sparring.media.webrtc.rtp;

import java.util.OptionalDouble;

/**
 * What {@link RtcpReports} learned from the peer's RTCP.
 *
 * @param packetsReceived RTCP packets parsed (each packet of a compound counts)
 * @param malformed compound packets dropped as malformed
 * @param byeReceived the peer sent BYE
 * @param remoteFractionLost the peer's last reported fraction of our packets lost, 0..255 (/256)
 * @param remoteCumulativeLost the peer's last reported count of our packets lost
 * @param remoteJitter the peer's last reported jitter of our stream, in RTP timestamp units
 * @param roundTripMillis from the peer's LSR/DLSR for our last Sender Report, once known
 */
public record RtcpStats(long packetsReceived, long malformed, boolean byeReceived, int remoteFractionLost,
                        long remoteCumulativeLost, long remoteJitter, OptionalDouble roundTripMillis) {
}
