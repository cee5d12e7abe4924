package dev.sparring.media.webrtc.ice;

import dev.sparring.media.webrtc.stun.StunMessage;
import java.util.Optional;

/**
 * The USERNAME of a connectivity check is "receiverUfrag:senderUfrag" (RFC 8445 §7.2.2), so the
 * part before the colon names the local agent a request is for: the demultiplexer uses it to route
 * the first packet from an unknown address.
 */
public final class IceUsername {
    private IceUsername() {}

    /** The local (receiver's) ufrag of a request's USERNAME, if it has one of the form "a:b". */
    public static Optional<String> localUfragOf(StunMessage message) {
        return message.username().flatMap(IceUsername::localUfragOf);
    }

    static Optional<String> localUfragOf(String username) {
        int colon = username.indexOf(':');
        return colon > 0 ? Optional.of(username.substring(0, colon)) : Optional.empty();
    }

    /** The USERNAME a peer puts in checks sent to us. */
    public static String expected(String localUfrag, String remoteUfrag) {
        return localUfrag + ":" + remoteUfrag;
    }
}
