package dev.sparring.controlplane.scoring;

/** A stretch of rep speech with no prospect turn in between, from its first start to its last end. */
public record Monologue(long startMs, long endMs) {

    public long durationMs() {
        return endMs - startMs;
    }
}
