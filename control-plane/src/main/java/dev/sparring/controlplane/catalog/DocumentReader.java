package dev.sparring.controlplane.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed fields from a parsed YAML/JSON document, failing with a {@link CatalogException} that names the
 * source (file) and the full field path, e.g. {@code config/scenarios/x.yaml: rubric.objections[1].line is required}.
 * Immutable.
 */
final class DocumentReader {

    private final JsonNode node;
    private final String source;
    private final String path;

    private DocumentReader(JsonNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    static DocumentReader root(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new CatalogException(source + ": the document must be a mapping of fields");
        }
        return new DocumentReader(node, source, "");
    }

    JsonNode node() {
        return node;
    }

    String source() {
        return source;
    }

    String fieldPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    CatalogException error(String field, String problem) {
        return new CatalogException(source + ": field '" + fieldPath(field) + "' " + problem);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> error(field, "is required"));
    }

    Optional<String> optionalText(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
            throw error(field, "must be text");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw error(field, "must not be empty");
        }
        return Optional.of(text);
    }

    int integer(String field, int min, int max) {
        if (!has(field)) {
            throw error(field, "is required");
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw error(field, "must be a whole number from " + min + " to " + max + " but was " + value);
        }
        return value.asInt();
    }

    double positiveNumber(String field) {
        if (!has(field)) {
            throw error(field, "is required");
        }
        JsonNode value = node.get(field);
        if (!value.isNumber() || value.asDouble() <= 0) {
            throw error(field, "must be a positive number but was " + value);
        }
        return value.asDouble();
    }

    List<String> textList(String field) {
        List<String> values = optionalTextList(field);
        if (values.isEmpty()) {
            throw error(field, "must be a non-empty list of text");
        }
        return values;
    }

    List<String> optionalTextList(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be a list of text");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual() || element.asText().isBlank()) {
                throw error(field + "[" + i + "]", "must be non-empty text");
            }
            values.add(element.asText().strip());
        }
        return List.copyOf(values);
    }

    /** A mapping of names to text, keeping the document's order. */
    Map<String, String> textMap(String field) {
        DocumentReader map = object(field);
        Map<String, String> values = new LinkedHashMap<>();
        map.node.fieldNames().forEachRemaining(name -> values.put(name, map.text(name)));
        if (values.isEmpty()) {
            throw error(field, "must not be empty");
        }
        return values;
    }

    DocumentReader object(String field) {
        if (!has(field)) {
            throw error(field, "is required");
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw error(field, "must be a mapping");
        }
        return new DocumentReader(value, source, fieldPath(field));
    }

    <T> List<T> objectList(String field, boolean required, Function<DocumentReader, T> reader) {
        if (!has(field)) {
            if (required) {
                throw error(field, "is required");
            }
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "must be a list");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = fieldPath(field) + "[" + i + "]";
            if (!element.isObject()) {
                throw new CatalogException(source + ": field '" + elementPath + "' must be a mapping");
            }
            values.add(reader.apply(new DocumentReader(element, source, elementPath)));
        }
        if (required && values.isEmpty()) {
            throw error(field, "must not be empty");
        }
        return List.copyOf(values);
    }
}
