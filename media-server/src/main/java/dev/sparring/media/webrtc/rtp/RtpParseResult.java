package dev.sparring.media.webrtc.rtp;

/** What {@link RtpPacket#parse} made of a datagram: a packet, or the reason it was dropped. */
public sealed interface RtpParseResult permits RtpPacket, RtpParseResult.Dropped {

    /** Why a datagram is not a usable RTP packet. */
    enum DropReason {
        /** Shorter than its fixed header, CSRC list, extension or padding says. */
        TRUNCATED,
        /** The version field is not 2. */
        BAD_VERSION,
        /** The padding count is zero or reaches into the header. */
        BAD_PADDING,
        /** A header extension element (RFC 8285) overruns the extension block. */
        BAD_EXTENSION
    }

    /** A dropped datagram; one shared instance per reason, so dropping allocates nothing. */
    record Dropped(DropReason reason) implements RtpParseResult {
        private static final Dropped[] BY_REASON = {
            new Dropped(DropReason.TRUNCATED), new Dropped(DropReason.BAD_VERSION),
            new Dropped(DropReason.BAD_PADDING), new Dropped(DropReason.BAD_EXTENSION)};

        static Dropped of(DropReason reason) {
            return BY_REASON[reason.ordinal()];
        }
    }
}
