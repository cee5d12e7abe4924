package dev.sparring.controlplane.calls;

import java.util.List;

/** The answer to a batch: newly stored events, already-stored duplicates, and rejected ones. */
public record IngestionResult(int stored, int duplicates, List<RejectedEvent> rejected) {

    public IngestionResult {
        rejected = List.copyOf(rejected);
    }
}
