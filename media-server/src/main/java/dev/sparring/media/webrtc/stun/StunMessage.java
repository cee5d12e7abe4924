package dev.sparring.media.webrtc.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One parsed and structurally validated STUN message (RFC 8489). It owns a private copy of the
 * message bytes, so the caller may reuse its receive buffer; it is immutable and may be shared.
 *
 * <p>Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (RFC 8489 §14.5), any
 * attribute after FINGERPRINT is an error, and comprehension-required attribute types this package
 * does not know are listed by {@link #unknownComprehensionRequired()} so an agent can answer 420.
 * Integrity and fingerprint are checked on request ({@link #verifyMessageIntegrity},
 * {@link #verifyFingerprint}) because only the caller knows the key.
 */
public final class StunMessage {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int BINDING = 0x001;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;
    static final int FINGERPRINT_XOR = 0x5354554E;
    static final int INTEGRITY_LENGTH = 20;
    private static final int MAX_USERNAME_BYTES = 513;

    private final byte[] bytes;
    private final StunClass messageClass;
    private final int method;
    private final List<StunAttribute> attributes;
    private final List<Integer> unknownComprehensionRequired;

    private StunMessage(byte[] bytes, StunClass messageClass, int method, List<StunAttribute> attributes,
            List<Integer> unknownComprehensionRequired) {
        this.bytes = bytes;
        this.messageClass = messageClass;
        this.method = method;
        this.attributes = attributes;
        this.unknownComprehensionRequired = unknownComprehensionRequired;
    }

    /**
     * Cheap demultiplexing test (RFC 7983 §7: first byte 0-3) plus the magic cookie, without
     * validating the rest; {@link #parse} does that.
     */
    public static boolean looksLikeStun(byte[] data, int off, int len) {
        if (off < 0 || len < HEADER_LENGTH || off > data.length - len) {
            return false;
        }
        return (data[off] & 0xFF) <= 3 && readInt(data, off + 4) == MAGIC_COOKIE;
    }

    /** Parses the remaining bytes of {@code buffer} (position to limit) without moving its position. */
    public static StunMessage parse(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return parseOwned(copy);
    }

    /** Parses {@code len} bytes of {@code data} from {@code off}; the bytes are copied. */
    public static StunMessage parse(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new StunException("slice [" + off + ", +" + len + ") is outside a " + data.length + "-byte array");
        }
        return parseOwned(Arrays.copyOfRange(data, off, off + len));
    }

    private static StunMessage parseOwned(byte[] msg) {
        if (msg.length < HEADER_LENGTH) {
            throw new StunException("STUN message truncated: " + msg.length + " bytes, the header alone needs 20");
        }
        int type = readShort(msg, 0);
        if ((type & 0xC000) != 0) {
            throw new StunException(String.format("not STUN: the top two bits of type 0x%04x are set", type));
        }
        int cookie = readInt(msg, 4);
        if (cookie != MAGIC_COOKIE) {
            throw new StunException(String.format("not STUN: magic cookie 0x%08x, expected 0x2112a442", cookie));
        }
        int length = readShort(msg, 2);
        if ((length & 3) != 0) {
            throw new StunException("STUN length " + length + " is not a multiple of 4");
        }
        if (HEADER_LENGTH + length != msg.length) {
            throw new StunException("STUN length field says " + length + " bytes but " + (msg.length - HEADER_LENGTH)
                    + " follow the header");
        }
        List<StunAttribute> attributes = new ArrayList<>(8);
        List<Integer> unknown = List.of();
        boolean integritySeen = false;
        boolean fingerprintSeen = false;
        int pos = HEADER_LENGTH;
        while (pos < msg.length) {
            if (msg.length - pos < 4) {
                throw new StunException("truncated attribute header at offset " + pos);
            }
            int attrType = readShort(msg, pos);
            int attrLength = readShort(msg, pos + 2);
            int padded = (attrLength + 3) & ~3;
            if (padded > msg.length - pos - 4) {
                throw new StunException(String.format("attribute 0x%04x at offset %d overruns the message (value length %d)",
                        attrType, pos, attrLength));
            }
            if (fingerprintSeen) {
                throw new StunException(String.format("attribute 0x%04x follows FINGERPRINT, which must be last", attrType));
            }
            boolean ignored = integritySeen && attrType != StunAttributeType.FINGERPRINT;
            if (!ignored) {
                checkValueLength(attrType, attrLength, msg, pos);
                attributes.add(new StunAttribute(attrType, pos, attrLength));
                integritySeen |= attrType == StunAttributeType.MESSAGE_INTEGRITY;
                fingerprintSeen |= attrType == StunAttributeType.FINGERPRINT;
                if (StunAttributeType.isComprehensionRequired(attrType) && !StunAttributeType.isKnown(attrType)
                        && !unknown.contains(attrType)) {
                    if (unknown.isEmpty()) {
                        unknown = new ArrayList<>(2);
                    }
                    unknown.add(attrType);
                }
            }
            pos += 4 + padded;
        }
        int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        return new StunMessage(msg, StunClass.ofType(type), method, List.copyOf(attributes), List.copyOf(unknown));
    }

    private static void checkValueLength(int type, int length, byte[] msg, int pos) {
        int expected = switch (type) {
            case StunAttributeType.MESSAGE_INTEGRITY -> INTEGRITY_LENGTH;
            case StunAttributeType.FINGERPRINT, StunAttributeType.PRIORITY -> 4;
            case StunAttributeType.USE_CANDIDATE -> 0;
            case StunAttributeType.ICE_CONTROLLED, StunAttributeType.ICE_CONTROLLING -> 8;
            default -> -1;
        };
        if (expected >= 0 && length != expected) {
            throw new StunException(String.format("attribute 0x%04x has length %d, expected %d", type, length, expected));
        }
        if (type == StunAttributeType.USERNAME && length > MAX_USERNAME_BYTES) {
            throw new StunException("USERNAME is " + length + " bytes, the limit is 513");
        }
        if (type == StunAttributeType.ERROR_CODE && length < 4) {
            throw new StunException("ERROR-CODE has length " + length + ", at least 4 needed");
        }
        if (type == StunAttributeType.XOR_MAPPED_ADDRESS || type == StunAttributeType.MAPPED_ADDRESS) {
            int family = length >= 2 ? msg[pos + 5] & 0xFF : 0;
            boolean ok = (family == 1 && length == 8) || (family == 2 && length == 20);
            if (!ok) {
                throw new StunException(String.format("address attribute 0x%04x has family %d and length %d", type,
                        family, length));
            }
        }
    }

    public StunClass messageClass() {
        return messageClass;
    }

    /** The 12-bit method; {@link #BINDING} is the only one ICE uses. */
    public int method() {
        return method;
    }

    public boolean isBindingRequest() {
        return method == BINDING && messageClass == StunClass.REQUEST;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(bytes, 8, HEADER_LENGTH);
    }

    /** A copy of the whole message as received. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Attributes in wire order, without those ignored after MESSAGE-INTEGRITY. */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    /** Comprehension-required attribute types present but not understood, for a 420 response. */
    public List<Integer> unknownComprehensionRequired() {
        return unknownComprehensionRequired;
    }

    /** The first attribute of {@code type}: RFC 8489 §14 says later duplicates are ignored. */
    public Optional<StunAttribute> attribute(int type) {
        for (StunAttribute a : attributes) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean has(int type) {
        return attribute(type).isPresent();
    }

    /** A copy of the value bytes of the first attribute of {@code type}. */
    public Optional<byte[]> value(int type) {
        return attribute(type).map(a -> Arrays.copyOfRange(bytes, a.valueOffset(), a.valueOffset() + a.length()));
    }

    public Optional<String> username() {
        return string(StunAttributeType.USERNAME);
    }

    public Optional<String> software() {
        return string(StunAttributeType.SOFTWARE);
    }

    private Optional<String> string(int type) {
        return attribute(type).map(a -> new String(bytes, a.valueOffset(), a.length(), StandardCharsets.UTF_8));
    }

    public OptionalLong priority() {
        return attribute(StunAttributeType.PRIORITY)
                .map(a -> OptionalLong.of(readInt(bytes, a.valueOffset()) & 0xFFFFFFFFL))
                .orElse(OptionalLong.empty());
    }

    public boolean useCandidate() {
        return has(StunAttributeType.USE_CANDIDATE);
    }

    /** The tie-breaker of an ICE-CONTROLLING attribute: the sender claims the controlling role. */
    public OptionalLong iceControlling() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLING);
    }

    /** The tie-breaker of an ICE-CONTROLLED attribute: the sender claims the controlled role. */
    public OptionalLong iceControlled() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLED);
    }

    private OptionalLong tieBreaker(int type) {
        return attribute(type)
                .map(a -> OptionalLong.of(((long) readInt(bytes, a.valueOffset()) << 32)
                        | (readInt(bytes, a.valueOffset() + 4) & 0xFFFFFFFFL)))
                .orElse(OptionalLong.empty());
    }

    public Optional<StunErrorCode> errorCode() {
        return attribute(StunAttributeType.ERROR_CODE).map(a -> {
            int errorClass = bytes[a.valueOffset() + 2] & 0x07;
            int number = bytes[a.valueOffset() + 3] & 0xFF;
            if (number > 99) {
                throw new StunException("ERROR-CODE number " + number + " is above 99");
            }
            String reason = new String(bytes, a.valueOffset() + 4, a.length() - 4, StandardCharsets.UTF_8);
            return new StunErrorCode(errorClass * 100 + number, reason);
        });
    }

    /** The XOR-MAPPED-ADDRESS, decoded with the cookie (IPv4) or cookie and transaction id (IPv6). */
    public Optional<InetSocketAddress> xorMappedAddress() {
        return attribute(StunAttributeType.XOR_MAPPED_ADDRESS).map(a -> {
            int v = a.valueOffset();
            int port = readShort(bytes, v + 2) ^ (MAGIC_COOKIE >>> 16);
            byte[] address = Arrays.copyOfRange(bytes, v + 4, v + a.length());
            for (int i = 0; i < address.length; i++) {
                address[i] ^= bytes[4 + i]; // cookie then transaction id, which sit right after it
            }
            try {
                return new InetSocketAddress(InetAddress.getByAddress(address), port);
            } catch (UnknownHostException e) {
                throw new StunException("XOR-MAPPED-ADDRESS of " + address.length + " bytes: " + e.getMessage());
            }
        });
    }

    /**
     * True when MESSAGE-INTEGRITY is present and equals HMAC-SHA1 under {@code key} (the password
     * bytes for short-term credentials) over the message up to it, with the length field adjusted
     * to end at the attribute (RFC 8489 §14.5).
     */
    public boolean verifyMessageIntegrity(byte[] key) {
        return attribute(StunAttributeType.MESSAGE_INTEGRITY).map(a -> {
            byte[] expected = StunCrypto.hmacSha1(key, bytes, a.offset());
            byte[] actual = Arrays.copyOfRange(bytes, a.valueOffset(), a.valueOffset() + INTEGRITY_LENGTH);
            return MessageDigest.isEqual(expected, actual);
        }).orElse(false);
    }

    /** True when FINGERPRINT is present and matches CRC-32 of everything before it XOR 0x5354554e. */
    public boolean verifyFingerprint() {
        return attribute(StunAttributeType.FINGERPRINT)
                .map(a -> readInt(bytes, a.valueOffset()) == StunCrypto.fingerprint(bytes, a.offset()))
                .orElse(false);
    }

    @Override
    public String toString() {
        return String.format("StunMessage[%s method=0x%03x length=%d attributes=%d]", messageClass, method,
                bytes.length, attributes.size());
    }

    static int readShort(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
