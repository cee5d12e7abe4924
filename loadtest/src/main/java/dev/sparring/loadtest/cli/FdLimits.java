package dev.sparring.loadtest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks the open-file limit (RLIMIT_NOFILE, read from {@code /proc/self/limits}) against what a
 * run needs: about {@value #FDS_PER_CALL} descriptors per call (the Media Streams socket, the HTTP
 * placement, and head-room for the JVM's own files) plus {@value #BASE_FDS}. Stateless.
 */
public final class FdLimits {

    static final int FDS_PER_CALL = 4;
    static final int BASE_FDS = 128;

    private FdLimits() {
    }

    /** @return descriptors a run of {@code calls} concurrent calls needs */
    public static long needed(int calls) {
        return (long) calls * FDS_PER_CALL + BASE_FDS;
    }

    /** @return the soft limit on open files of this process, if {@code /proc/self/limits} says */
    public static OptionalLong softLimit(Path limitsFile) {
        try {
            for (String line : Files.readAllLines(limitsFile)) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    return fields[0].equals("unlimited") ? OptionalLong.of(Long.MAX_VALUE) : OptionalLong.of(Long.parseLong(fields[0]));
                }
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** @return advice on raising the limit when {@code limit} is below what {@code calls} need */
    public static Optional<String> advice(int calls, OptionalLong limit) {
        long needed = needed(calls);
        if (limit.isEmpty() || limit.getAsLong() >= needed) {
            return Optional.empty();
        }
        return Optional.of(String.format("""
                warning: %d calls need about %d open files, but this process may open only %d (RLIMIT_NOFILE).
                  Raise it in this shell before starting:     ulimit -n %d
                  (the hard limit caps it: ulimit -Hn; raise that in /etc/security/limits.conf: '* - nofile 65536'),
                  or for a systemd service:                   LimitNOFILE=65536 in its [Service] section.
                  The media server needs about 4 per call as well.""", calls, needed, limit.getAsLong(), Math.max(needed, 65_536)));
    }
}
