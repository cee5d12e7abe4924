package dev.sparring.media.webrtc.sdp;

import java.util.Locale;

/** The a=setup attribute (RFC 4145, RFC 8842): who starts the DTLS handshake. */
public enum SetupRole {
    ACTPASS,
    ACTIVE,
    PASSIVE,
    HOLDCONN;

    static SetupRole parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "actpass" -> ACTPASS;
            case "active" -> ACTIVE;
            case "passive" -> PASSIVE;
            case "holdconn" -> HOLDCONN;
            default -> throw new SdpException("a=setup:" + value + " is not actpass, active, passive or holdconn");
        };
    }

    public String sdpValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
