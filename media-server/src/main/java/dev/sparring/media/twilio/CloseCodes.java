package dev.sparring.media.twilio;

/** WebSocket close status codes (RFC 6455 §7.4.1) used when refusing a stream. */
public final class CloseCodes {
    private CloseCodes() {}

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    public static final int TRY_AGAIN_LATER = 1013;
}
