/**
 * RTP/RTCP audio for the WebRTC transport, as sans-I/O stages touched only by the call's event
 * loop: bytes in, results out, time passed in. {@link dev.sparring.media.webrtc.rtp.RtpPacket}
 * parses, {@link dev.sparring.media.webrtc.rtp.RtpPacketizer} writes;
 * {@link dev.sparring.media.webrtc.rtp.OpusReceiver} (over a
 * {@link dev.sparring.media.webrtc.rtp.JitterBuffer}) turns the peer's Opus into 20 ms PCM16 16 kHz
 * frames at real time; {@link dev.sparring.media.webrtc.rtp.OutboundPlayout} paces the bot's audio
 * out by our clock and reports marks as the playout truth;
 * {@link dev.sparring.media.webrtc.rtp.RtcpReports} writes and reads the minimal RTCP.
 * Malformed input is dropped and counted, never thrown.
 */
package dev.sparring.media.webrtc.rtp;
