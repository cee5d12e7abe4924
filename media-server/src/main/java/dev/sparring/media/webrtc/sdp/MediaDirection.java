package dev.sparring.media.webrtc.sdp;

import java.util.Locale;
import java.util.Optional;

/** The direction attribute of a media section, from the point of view of the side that wrote it. */
public enum MediaDirection {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    static Optional<MediaDirection> of(String attributeName) {
        return switch (attributeName) {
            case "sendrecv" -> Optional.of(SENDRECV);
            case "sendonly" -> Optional.of(SENDONLY);
            case "recvonly" -> Optional.of(RECVONLY);
            case "inactive" -> Optional.of(INACTIVE);
            default -> Optional.empty();
        };
    }

    /** What a sendrecv-capable answerer answers to this offered direction (RFC 3264 §6.1). */
    public MediaDirection answer() {
        return switch (this) {
            case SENDRECV -> SENDRECV;
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public String sdpValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
