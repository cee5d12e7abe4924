package dev.sparring.loadtest.cli;

import dev.sparring.loadtest.run.Interval;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints one progress line per interval to stderr: rewritten in place on a terminal, one plain
 * line per interval otherwise (logs, CI). Called on the run's scheduler thread only.
 */
final class ProgressPrinter implements Consumer<Interval> {

    private final PrintStream out;
    private final boolean terminal;

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void accept(Interval i) {
        String line = format(i);
        if (terminal) {
            out.print("\r" + line + "\u001B[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the in-place line before the report is printed. */
    void finish() {
        if (terminal) {
            out.println();
        }
    }

    static String format(Interval i) {
        return String.format(Locale.ROOT,
                "[%6.1fs] calls up %d, placed %d, done %d, failed %d | turns %d | turn latency p50 %s p95 %s | errors %d",
                i.elapsed().toMillis() / 1000.0, i.up(), i.placed(), i.done(), i.failed(), i.turns(),
                i.turnLatency().count() == 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", i.turnLatency().p50()),
                i.turnLatency().count() == 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", i.turnLatency().p95()),
                i.errors());
    }
}
