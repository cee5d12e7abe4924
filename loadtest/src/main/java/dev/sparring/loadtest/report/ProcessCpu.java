package dev.sparring.loadtest.report;

import java.lang.management.ManagementFactory;

/** This JVM's own CPU time, to report what the load tool costs per call-second. Stateless. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** @return CPU time used by this process so far (all threads, user + system), in nanoseconds */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
