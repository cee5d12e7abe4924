package dev.sparring.media.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process figures a density run divides by call-seconds: CPU time of the whole process
 * ({@code process_cpu_time_ns_total}, user plus system, as {@code /proc/<pid>/stat} counts it but in
 * nanoseconds) and JVM memory by pool ({@code jvm_memory_used_bytes}). Stateless; binding twice to
 * a registry is harmless (Micrometer returns the meters already registered).
 */
final class ProcessMetrics {
    private ProcessMetrics() {}

    static void bindTo(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            FunctionCounter.builder("process.cpu.time", hotspot, com.sun.management.OperatingSystemMXBean::getProcessCpuTime)
                    .baseUnit("ns")
                    .description("CPU time used by this process (user and system)")
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
    }
}
