package dev.sparring.codecs;

import java.io.Serial;

/**
 * Audio data that cannot be decoded or an encoding that is not supported, for example a WAV file
 * whose header is truncated or whose format tag is not PCM16, μ-law or A-law. The message names
 * what is wrong and, where it helps, the offending value.
 */
public class CodecException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the data, naming the offending value
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the data
     * @param cause the underlying failure, typically an {@link java.io.IOException}
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
