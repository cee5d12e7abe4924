package dev.sparring.codecs.opus;

import dev.sparring.codecs.CodecException;
import java.io.Serial;

/**
 * A libopus call failed. {@link #errorCode()} is the libopus code (negative) and
 * {@link #errorName()} its symbolic name, e.g. {@code OPUS_INVALID_PACKET}; the message adds
 * libopus's own description ({@code opus_strerror}).
 */
public final class OpusException extends CodecException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int errorCode;

    OpusException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    OpusException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = -3;
    }

    /** @return the libopus error code, negative ({@code OPUS_INTERNAL_ERROR} for load failures) */
    public int errorCode() {
        return errorCode;
    }

    /** @return the libopus symbolic name of {@link #errorCode()} */
    public String errorName() {
        return nameOf(errorCode);
    }

    /** Throws if {@code status} is a libopus error; returns it otherwise. */
    static int check(int status, String operation) {
        if (status < 0) {
            throw of(status, operation);
        }
        return status;
    }

    static OpusException of(int status, String operation) {
        return new OpusException(status, operation + " failed: " + nameOf(status) + " (" + LibOpus.opus_strerror(status) + ")");
    }

    static String nameOf(int code) {
        return switch (code) {
            case 0 -> "OPUS_OK";
            case -1 -> "OPUS_BAD_ARG";
            case -2 -> "OPUS_BUFFER_TOO_SMALL";
            case -3 -> "OPUS_INTERNAL_ERROR";
            case -4 -> "OPUS_INVALID_PACKET";
            case -5 -> "OPUS_UNIMPLEMENTED";
            case -6 -> "OPUS_INVALID_STATE";
            case -7 -> "OPUS_ALLOC_FAIL";
            default -> "OPUS_ERROR_" + code;
        };
    }
}
