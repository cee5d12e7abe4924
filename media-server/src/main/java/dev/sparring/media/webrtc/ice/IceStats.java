package dev.sparring.media.webrtc.ice;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one agent's counters: checks answered with success, and messages rejected or
 * dropped per {@link IceProblem} (absent keys mean zero).
 */
public record IceStats(long successes, long nominations, Map<IceProblem, Long> problems) {
    public IceStats {
        problems = problems.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(problems));
    }

    public long count(IceProblem problem) {
        return problems.getOrDefault(problem, 0L);
    }
}
