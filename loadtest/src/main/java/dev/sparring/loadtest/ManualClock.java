package dev.sparring.loadtest;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A nanosecond clock that moves only when told to, for deterministic tests of the emulator's
 * sans-I/O parts (and of code in other modules that takes a {@code LongSupplier} clock).
 *
 * <p>Not thread-safe: one test thread owns it.
 */
public final class ManualClock implements LongSupplier {

    private long nanos;

    /** @param startNanos the initial reading */
    public ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    /** A clock reading 0. */
    public ManualClock() {
        this(0);
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    /** @param step how far to move forward; must not be negative */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + step);
        }
        nanos += step.toNanos();
    }

    /** @param millis how many milliseconds to move forward */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
