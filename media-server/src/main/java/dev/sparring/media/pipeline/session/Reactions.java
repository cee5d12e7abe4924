package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the scripted persona says per topic ({@code price rate timing competitor next_step
 * unrecognised curveball closing}); unknown topics are kept so data can grow without code.
 */
public record Reactions(Map<String, String> lines) {
    public static final String PRICE = "price";
    public static final String RATE = "rate";
    public static final String TIMING = "timing";
    public static final String COMPETITOR = "competitor";
    public static final String NEXT_STEP = "next_step";
    public static final String UNRECOGNISED = "unrecognised";
    public static final String CURVEBALL = "curveball";
    public static final String CLOSING = "closing";

    public Reactions {
        lines = Map.copyOf(lines);
    }

    public Optional<String> line(String topic) {
        return Optional.ofNullable(lines.get(topic));
    }

    static Reactions fromJson(JsonNode node) {
        Map<String, String> lines = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> lines.put(e.getKey(), e.getValue().asText()));
        }
        return new Reactions(lines);
    }
}
