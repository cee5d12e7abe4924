package dev.sparring.loadtest.run;

import java.util.Locale;

/** What went wrong in a call, for counting errors by kind in the report. */
public enum ErrorKind {
    /** The control plane refused the call or could not be reached (webhook or calls API). */
    PLACEMENT,
    /** The Media Streams socket could not be opened or the handshake failed. */
    CONNECT,
    /** The server closed the stream before the script ended: a dropped call. */
    DROPPED,
    /** A script step started because the bot stayed silent for the bot-response timeout. */
    BOT_SILENT,
    /** The caller hung up at the maximum call duration. */
    MAX_DURATION,
    /** The server sent something Media Streams does not allow. */
    PROTOCOL,
    /** The socket failed mid-call. */
    TRANSPORT,
    /** Anything else. */
    OTHER;

    /** @return the kind's name in reports: lower case, e.g. {@code bot_silent} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Classifies an error message of a {@link dev.sparring.loadtest.twilio.CallResult}. */
    public static ErrorKind ofCallError(String message) {
        if (message.startsWith("server closed the stream")) {
            return DROPPED;
        }
        if (message.startsWith("max call duration")) {
            return MAX_DURATION;
        }
        if (message.startsWith("transport error")) {
            return TRANSPORT;
        }
        if (message.startsWith("WebSocket handshake")) {
            return CONNECT;
        }
        if (message.contains("message for stream") || message.startsWith("malformed JSON") || message.startsWith("unexpected")
                || message.startsWith("mark without") || message.startsWith("media payload")) {
            return PROTOCOL;
        }
        return OTHER;
    }

    /** Classifies the failure of a call that never produced a result. */
    public static ErrorKind ofLaunchFailure(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("cannot connect to") || message.startsWith("stream ") || message.startsWith("no TLS context")) {
            return CONNECT;
        }
        return PLACEMENT;
    }
}
