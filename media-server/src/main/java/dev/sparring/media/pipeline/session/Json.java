package dev.sparring.media.pipeline.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small, strict readers over Jackson trees so every missing field is reported by its path. */
final class Json {
    private Json() {}

    static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            throw new InvalidSessionException("missing or non-text field " + path + "." + field);
        }
        return value.asText();
    }

    static Optional<String> optText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    static String textOr(JsonNode node, String field, String fallback) {
        return optText(node, field).orElse(fallback);
    }

    static int intOr(JsonNode node, String field, int fallback) {
        JsonNode value = node.path(field);
        return value.canConvertToInt() ? value.asInt() : fallback;
    }

    static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else {
            out.add(value.asText());
        }
        return List.copyOf(out);
    }
}
