package dev.sparring.loadtest.run;

import java.time.Duration;
import java.util.List;

/**
 * What a load run does.
 *
 * @param calls call slots: how many calls are up at once once the ramp is over
 * @param ramp slot {@code i} places its first call at {@code ramp * i / calls}
 * @param duration each slot places a new call when its call ends until this much time has passed
 *     since the run started; zero means every slot places exactly one call
 * @param scripts call scripts, given to calls round robin
 * @param interval progress and latency-over-time resolution (the CLI uses 2 s)
 */
public record LoadPlan(int calls, Duration ramp, Duration duration, List<String> scripts, Duration interval) {

    public LoadPlan {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1: " + calls);
        }
        if (ramp.isNegative() || duration.isNegative()) {
            throw new IllegalArgumentException("ramp and duration must not be negative");
        }
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("at least one script is needed");
        }
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        scripts = List.copyOf(scripts);
    }
}
