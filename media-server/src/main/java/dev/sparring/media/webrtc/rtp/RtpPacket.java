package dev.sparring.media.webrtc.rtp;

import dev.sparring.media.webrtc.rtp.RtpParseResult.DropReason;
import dev.sparring.media.webrtc.rtp.RtpParseResult.Dropped;

/**
 * A view of one RTP packet (RFC 3550 §5.1) inside a caller's buffer: the header fields decoded,
 * the payload left in place ({@link #payloadOffset()}, {@link #payloadLength()}). The buffer is
 * not copied, so the view is only valid until the caller reuses it; consumers that keep the
 * payload (the jitter buffer) copy it.
 *
 * @param buffer the datagram's bytes (not copied)
 * @param marker the M bit: for audio, the first packet of a talkspurt
 * @param payloadType 0..127
 * @param sequence 0..65535
 * @param timestamp unsigned 32-bit, in a long
 * @param ssrc unsigned 32-bit, in a long
 * @param csrcCount 0..15
 * @param extensionProfile the header extension's profile (0xBEDE one-byte, 0x100x two-byte), or -1 without one
 */
public record RtpPacket(byte[] buffer, boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
                        int csrcCount, int extensionProfile, int payloadOffset, int payloadLength)
        implements RtpParseResult {

    /** Fixed header length. */
    public static final int HEADER_BYTES = 12;

    /**
     * Parses {@code len} bytes from {@code off}; never throws on malformed input.
     *
     * @return the packet, or {@link Dropped} with the reason
     */
    public static RtpParseResult parse(byte[] buffer, int off, int len) {
        if (len < HEADER_BYTES || off < 0 || off + len > buffer.length) {
            return Dropped.of(DropReason.TRUNCATED);
        }
        int first = buffer[off] & 0xFF;
        if (first >>> 6 != 2) {
            return Dropped.of(DropReason.BAD_VERSION);
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int second = buffer[off + 1] & 0xFF;
        int end = off + len;
        if (padding) {
            int pad = buffer[end - 1] & 0xFF;
            if (pad == 0) {
                return Dropped.of(DropReason.BAD_PADDING);
            }
            end -= pad;
        }
        int position = off + HEADER_BYTES + 4 * csrcCount;
        if (position > off + len) {
            return Dropped.of(DropReason.TRUNCATED);
        }
        int profile = -1;
        if (extension) {
            if (position + 4 > off + len) {
                return Dropped.of(DropReason.TRUNCATED);
            }
            profile = u16(buffer, position);
            int blockBytes = 4 * u16(buffer, position + 2);
            int blockStart = position + 4;
            if (blockStart + blockBytes > off + len) {
                return Dropped.of(DropReason.TRUNCATED);
            }
            if (!elementsFit(buffer, profile, blockStart, blockStart + blockBytes)) {
                return Dropped.of(DropReason.BAD_EXTENSION);
            }
            position = blockStart + blockBytes;
        }
        if (end < position) {
            return Dropped.of(padding ? DropReason.BAD_PADDING : DropReason.TRUNCATED);
        }
        return new RtpPacket(buffer, (second & 0x80) != 0, second & 0x7F, u16(buffer, off + 2),
                u32(buffer, off + 4), u32(buffer, off + 8), csrcCount, profile, position, end - position);
    }

    /**
     * True if the datagram is RTCP rather than RTP on a muxed port (RFC 5761 §4): version 2 and a
     * second byte of 192..223, which no RTP payload type with either marker value reaches once
     * payload types 64..95 are avoided.
     */
    public static boolean isRtcp(byte[] buffer, int off, int len) {
        if (len < 2 || off < 0 || off + len > buffer.length) {
            return false;
        }
        int second = buffer[off + 1] & 0xFF;
        return (buffer[off] & 0xC0) == 0x80 && second >= 192 && second <= 223;
    }

    /**
     * Checks the RFC 8285 elements of a one-byte (0xBEDE) or two-byte (0x100x) extension block;
     * other profiles are opaque and only skipped.
     */
    private static boolean elementsFit(byte[] buffer, int profile, int from, int to) {
        boolean oneByte = profile == 0xBEDE;
        boolean twoByte = (profile & 0xFFF0) == 0x1000;
        if (!oneByte && !twoByte) {
            return true;
        }
        int position = from;
        while (position < to) {
            int head = buffer[position] & 0xFF;
            if (oneByte) {
                int id = head >>> 4;
                if (id == 0) {
                    position++;
                    continue;
                }
                if (id == 15) {
                    return true;
                }
                position += 1 + (head & 0x0F) + 1;
            } else {
                if (head == 0) {
                    position++;
                    continue;
                }
                if (position + 2 > to) {
                    return false;
                }
                position += 2 + (buffer[position + 1] & 0xFF);
            }
        }
        return position == to;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
