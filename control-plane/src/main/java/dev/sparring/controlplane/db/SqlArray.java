package dev.sparring.controlplane.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A statement parameter bound as a PostgreSQL array, for {@code col = ANY(?)}.
 *
 * @param elementType the PostgreSQL element type name, e.g. {@code text}, {@code uuid}, {@code int8}, {@code bool}
 */
public record SqlArray(String elementType, List<Object> elements) {

    public SqlArray {
        // Elements may be null (SQL NULL inside the array), which List.copyOf would refuse.
        elements = Collections.unmodifiableList(new ArrayList<>(elements));
    }

    public static SqlArray ofText(Collection<String> values) {
        return new SqlArray("text", List.copyOf(values));
    }

    public static SqlArray ofUuid(Collection<UUID> values) {
        return new SqlArray("uuid", List.copyOf(values));
    }
}
