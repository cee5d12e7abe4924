package dev.sparring.media.webrtc.srtp;

/** The outcome of unprotecting one SRTP or SRTCP packet. */
public sealed interface SrtpResult {

    /** The plain RTP/RTCP packet, header included, in a fresh array the caller owns. */
    record Ok(byte[] packet) implements SrtpResult {
    }

    record Failed(SrtpFailure reason) implements SrtpResult {
    }
}
