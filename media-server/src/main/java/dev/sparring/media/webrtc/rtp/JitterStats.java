package dev.sparring.media.webrtc.rtp;

/**
 * A snapshot of a {@link JitterBuffer}'s counters for the current remote stream (they restart
 * when the SSRC changes), in the terms RTCP Receiver Reports use (RFC 3550 §6.4.1).
 *
 * @param ssrc the remote stream, or -1 before the first packet
 * @param received valid packets received, including late ones and duplicates (as RFC 3550 counts)
 * @param lost frames whose packet never arrived in time (skipped at playout)
 * @param late packets that arrived after their playout slot passed
 * @param duplicate packets received twice while still buffered
 * @param reordered packets that arrived after a higher sequence number
 * @param concealed playout slots answered with {@code Lost}: losses plus underruns
 * @param discarded frames dropped unplayed to bring the delay back down to the target
 * @param resyncs restarts on a sequence or timestamp jump, after idle, or on a new SSRC
 * @param currentDelayMs audio buffered ahead of playout at the last poll
 * @param targetDelayMs the adaptive target
 * @param jitterMs the RFC 3550 interarrival jitter estimate in milliseconds
 * @param jitterTimestampUnits the same in RTP timestamp units, as the Receiver Report carries it
 * @param extendedHighestSequence cycles × 65536 + highest sequence number received
 * @param expectedPackets packets the sender sent from the first to the highest received
 */
public record JitterStats(long ssrc, long received, long lost, long late, long duplicate, long reordered,
                          long concealed, long discarded, long resyncs, int currentDelayMs, int targetDelayMs,
                          double jitterMs, long jitterTimestampUnits, long extendedHighestSequence,
                          long expectedPackets) {

    /** Cumulative packets lost as RFC 3550 §6.4.1 defines it: expected minus received (may be negative). */
    public long cumulativeLost() {
        return expectedPackets - received;
    }
}
