package dev.sparring.loadtest.prometheus;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of the Prometheus text format: {@code name{label="value",…} value}.
 *
 * @param name the metric name as exposed (e.g. {@code process_cpu_time_ns_total})
 * @param labels the labels, in the order they appeared
 * @param value the sample value (may be NaN or infinite)
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** @return the series identity, {@code name{k="v",…}}, labels sorted */
    public String series() {
        if (labels.isEmpty()) {
            return name;
        }
        return name + labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
    }
}
