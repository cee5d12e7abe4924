package dev.sparring.media.webrtc.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes one STUN message: attributes in the order added, then MESSAGE-INTEGRITY and FINGERPRINT
 * when asked for (they are always last, in that order). A builder is a short-lived, single-thread
 * object; {@link #build()} may be called once per configuration.
 */
public final class StunMessageBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StunClass messageClass;
    private final int method;
    private final byte[] transactionId;
    private final List<Entry> entries = new ArrayList<>(6);
    private Optional<byte[]> integrityKey = Optional.empty();
    private boolean fingerprint;
    private byte padding;

    private record Entry(int type, byte[] value) {}

    public StunMessageBuilder(StunClass messageClass, int method, byte[] transactionId) {
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new StunException("transaction id must be 12 bytes, got " + transactionId.length);
        }
        if (method < 0 || method > 0xFFF) {
            throw new StunException("STUN method must fit in 12 bits, got " + method);
        }
        this.messageClass = messageClass;
        this.method = method;
        this.transactionId = transactionId.clone();
    }

    /** A builder for a response (success or error) to {@code request}, same method and transaction. */
    public static StunMessageBuilder responseTo(StunMessage request, StunClass responseClass) {
        return new StunMessageBuilder(responseClass, request.method(), request.transactionId());
    }

    public static byte[] randomTransactionId() {
        byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(id);
        return id;
    }

    /** Adds a raw attribute; the typed methods below are preferred. */
    public StunMessageBuilder attribute(int type, byte[] value) {
        if (type == StunAttributeType.MESSAGE_INTEGRITY || type == StunAttributeType.FINGERPRINT) {
            throw new StunException("MESSAGE-INTEGRITY and FINGERPRINT are computed: use messageIntegrity()/fingerprint()");
        }
        if (value.length > 0xFFFF - 3) {
            throw new StunException("attribute value of " + value.length + " bytes is too long");
        }
        entries.add(new Entry(type, value.clone()));
        return this;
    }

    public StunMessageBuilder username(String username) {
        byte[] value = username.getBytes(StandardCharsets.UTF_8);
        if (value.length > 513) {
            throw new StunException("USERNAME is " + value.length + " bytes, the limit is 513");
        }
        return attribute(StunAttributeType.USERNAME, value);
    }

    public StunMessageBuilder software(String software) {
        return attribute(StunAttributeType.SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder priority(long priority) {
        if (priority < 0 || priority > 0xFFFFFFFFL) {
            throw new StunException("PRIORITY must be an unsigned 32-bit value, got " + priority);
        }
        return attribute(StunAttributeType.PRIORITY, intBytes((int) priority));
    }

    public StunMessageBuilder useCandidate() {
        return attribute(StunAttributeType.USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return attribute(StunAttributeType.ICE_CONTROLLING, longBytes(tieBreaker));
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return attribute(StunAttributeType.ICE_CONTROLLED, longBytes(tieBreaker));
    }

    public StunMessageBuilder errorCode(StunErrorCode error) {
        byte[] reason = error.reason().getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + reason.length];
        value[2] = (byte) (error.code() / 100);
        value[3] = (byte) (error.code() % 100);
        System.arraycopy(reason, 0, value, 4, reason.length);
        return attribute(StunAttributeType.ERROR_CODE, value);
    }

    public StunMessageBuilder unknownAttributes(List<Integer> types) {
        byte[] value = new byte[2 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            value[2 * i] = (byte) (types.get(i) >>> 8);
            value[2 * i + 1] = types.get(i).byteValue();
        }
        return attribute(StunAttributeType.UNKNOWN_ATTRIBUTES, value);
    }

    /** XOR-MAPPED-ADDRESS for an IPv4 or IPv6 address (RFC 8489 §14.2). */
    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new StunException("XOR-MAPPED-ADDRESS needs a resolved address, got " + address);
        }
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? 1 : 2);
        int xport = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (xport >>> 8);
        value[3] = (byte) xport;
        byte[] mask = new byte[16];
        System.arraycopy(intBytes(StunMessage.MAGIC_COOKIE), 0, mask, 0, 4);
        System.arraycopy(transactionId, 0, mask, 4, StunMessage.TRANSACTION_ID_LENGTH);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return attribute(StunAttributeType.XOR_MAPPED_ADDRESS, value);
    }

    /** Appends MESSAGE-INTEGRITY keyed with {@code key} (short-term credentials: the password bytes). */
    public StunMessageBuilder messageIntegrity(byte[] key) {
        this.integrityKey = Optional.of(key.clone());
        return this;
    }

    /** Short-term credential form of {@link #messageIntegrity(byte[])}. */
    public StunMessageBuilder messageIntegrity(String password) {
        return messageIntegrity(password.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder fingerprint() {
        this.fingerprint = true;
        return this;
    }

    /**
     * The byte used to pad values to 4 bytes; 0 by default (RFC 8489). RFC 5389 allowed any value
     * and RFC 5769's vectors use spaces, which is the only reason to change it.
     */
    public StunMessageBuilder padding(byte value) {
        this.padding = value;
        return this;
    }

    public byte[] build() {
        int size = StunMessage.HEADER_LENGTH;
        for (Entry e : entries) {
            size += 4 + ((e.value().length + 3) & ~3);
        }
        int integrityOffset = size;
        if (integrityKey.isPresent()) {
            size += 4 + StunMessage.INTEGRITY_LENGTH;
        }
        int fingerprintOffset = size;
        if (fingerprint) {
            size += 8;
        }
        if (size - StunMessage.HEADER_LENGTH > 0xFFFF) {
            throw new StunException("STUN message of " + size + " bytes is too long");
        }
        byte[] msg = new byte[size];
        int type = (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | messageClass.typeBits();
        putShort(msg, 0, type);
        putShort(msg, 2, size - StunMessage.HEADER_LENGTH);
        System.arraycopy(intBytes(StunMessage.MAGIC_COOKIE), 0, msg, 4, 4);
        System.arraycopy(transactionId, 0, msg, 8, StunMessage.TRANSACTION_ID_LENGTH);
        int pos = StunMessage.HEADER_LENGTH;
        for (Entry e : entries) {
            putShort(msg, pos, e.type());
            putShort(msg, pos + 2, e.value().length);
            System.arraycopy(e.value(), 0, msg, pos + 4, e.value().length);
            int padded = (e.value().length + 3) & ~3;
            Arrays.fill(msg, pos + 4 + e.value().length, pos + 4 + padded, padding);
            pos += 4 + padded;
        }
        if (integrityKey.isPresent()) {
            byte[] hmac = StunCrypto.hmacSha1(integrityKey.get(), msg, integrityOffset);
            putShort(msg, integrityOffset, StunAttributeType.MESSAGE_INTEGRITY);
            putShort(msg, integrityOffset + 2, StunMessage.INTEGRITY_LENGTH);
            System.arraycopy(hmac, 0, msg, integrityOffset + 4, StunMessage.INTEGRITY_LENGTH);
        }
        if (fingerprint) {
            putShort(msg, fingerprintOffset, StunAttributeType.FINGERPRINT);
            putShort(msg, fingerprintOffset + 2, 4);
            System.arraycopy(intBytes(StunCrypto.fingerprint(msg, fingerprintOffset)), 0, msg, fingerprintOffset + 4, 4);
        }
        return msg;
    }

    private static void putShort(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }
}
