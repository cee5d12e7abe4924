package dev.sparring.loadtest.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4,
 * https://prometheus.io/docs/instrumenting/exposition_formats/): comments and {@code # HELP}/{@code # TYPE}
 * lines are skipped, label values are unescaped ({@code \\}, {@code \"}, {@code \n}), timestamps are
 * ignored. A malformed line is skipped rather than failing the scrape: a load run must not stop
 * because a metric it does not read looks odd.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** @return every well-formed sample in {@code text}, in order */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = parseLine(line);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    /** @return the sample, or null when the line is malformed (a private sentinel, never returned from the API) */
    private static Sample parseLine(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                    i++;
                }
                if (i >= line.length()) {
                    return null;
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int keyStart = i;
                while (i < line.length() && isNameChar(line.charAt(i))) {
                    i++;
                }
                String key = line.substring(keyStart, i);
                if (key.isEmpty() || i + 1 >= line.length() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    return null;
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                while (i < line.length() && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < line.length()) {
                        char next = line.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                if (i >= line.length()) {
                    return null;
                }
                i++;
                labels.put(key, value.toString());
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            return null;
        }
        double value;
        try {
            value = switch (rest[0]) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(rest[0]);
            };
        } catch (NumberFormatException e) {
            return null;
        }
        return new Sample(name, labels, value);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':';
    }
}
