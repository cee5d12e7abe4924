package dev.sparring.controlplane.calls;

import java.util.List;
import java.util.Optional;

/** One page of calls, newest first; {@code nextCursor} is present when more calls follow. */
public record CallPage(List<Call> calls, Optional<String> nextCursor) {

    public CallPage {
        calls = List.copyOf(calls);
    }
}
