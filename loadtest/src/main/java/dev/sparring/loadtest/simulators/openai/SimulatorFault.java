package dev.sparring.loadtest.simulators.openai;

import java.time.Duration;

/**
 * A failure the simulator plays instead of (or in the middle of) a normal reply, injected with
 * {@link OpenAiChatSimulator#injectNext(SimulatorFault)}. Each is what a real OpenAI-compatible
 * server can do to a client.
 */
public sealed interface SimulatorFault {

    /** 401 with OpenAI's {@code invalid_api_key} body, whatever key was sent. */
    record Unauthorized() implements SimulatorFault {
    }

    /** 429 with {@code retry-after} (whole seconds, rounded up) and {@code retry-after-ms} headers. */
    record RateLimited(Duration retryAfter) implements SimulatorFault {
    }

    /** 500 with OpenAI's {@code server_error} body. */
    record ServerError() implements SimulatorFault {
    }

    /** Nothing at all (not even the status line) until {@code delay} has passed, then the normal reply. */
    record SlowFirstByte(Duration delay) implements SimulatorFault {
    }

    /** The connection is closed after {@code afterWords} content chunks, without {@code [DONE]}. */
    record DropMidStream(int afterWords) implements SimulatorFault {
    }

    /** After {@code afterWords} content chunks, one {@code data:} event whose JSON is cut short. */
    record MalformedChunk(int afterWords) implements SimulatorFault {
    }
}
