package dev.sparring.controlplane.calls;

import java.util.List;
import java.util.UUID;

/** Calls one reaper pass gave up on: never connected (abandoned) and lost their media server (failed). */
public record ReapResult(List<UUID> abandoned, List<UUID> failed) {

    public ReapResult {
        abandoned = List.copyOf(abandoned);
        failed = List.copyOf(failed);
    }

    public boolean isEmpty() {
        return abandoned.isEmpty() && failed.isEmpty();
    }
}
