package dev.sparring.loadtest.run;

import java.time.Duration;

/**
 * One progress interval of a run; counters are running totals at its end.
 *
 * @param elapsed time since the run started, at the end of the interval
 * @param up calls whose stream was up at the end of the interval
 * @param placed calls placed so far
 * @param connected calls whose stream started so far
 * @param done calls that ended so far (completed or dropped)
 * @param failed calls that could not be placed or connected so far
 * @param turns bot answers heard so far
 * @param errors errors so far
 * @param turnLatency the turn latencies heard during this interval only
 * @param toolCpuNanos the load tool's process CPU time at the end of the interval (a running total)
 */
public record Interval(Duration elapsed, int up, long placed, long connected, long done, long failed, long turns,
                       long errors, Distribution turnLatency, long toolCpuNanos) {}
