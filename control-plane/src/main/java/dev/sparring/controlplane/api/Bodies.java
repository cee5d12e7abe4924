package dev.sparring.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.controlplane.http.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reading request fields with a precise 400 for anything malformed. */
final class Bodies {
    private Bodies() {
    }

    static void rejectUnknownFields(JsonNode body, Set<String> known) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw ProblemException.badRequest("unknown field '" + name + "'; expected " + known.stream().sorted().toList());
            }
        });
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ProblemException.badRequest("the field '" + field + "' is required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ProblemException.badRequest("the field '" + field + "' must be a non-empty string");
        }
        return node.asText();
    }

    static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(requiredText(body, field));
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field + " must be a UUID, not '" + value + "'");
        }
    }

    static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z, not '" + value + "'");
        }
    }

    static <E> E enumValue(E[] values, String raw, String field, java.util.function.Function<E, String> name) {
        for (E value : values) {
            if (name.apply(value).equals(raw.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw ProblemException.badRequest(field + " must be one of " + Arrays.stream(values).map(name).toList() + ", not '" + raw + "'");
    }
}
