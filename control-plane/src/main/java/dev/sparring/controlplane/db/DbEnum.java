package dev.sparring.controlplane.db;

/** An enum stored as text: {@link #dbValue()} is the value in the column and in its CHECK constraint. */
public interface DbEnum {
    String dbValue();

    /** Finds the constant of {@code type} whose {@link #dbValue()} is {@code value}. */
    static <E extends Enum<E> & DbEnum> E fromDb(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.dbValue().equals(value)) {
                return constant;
            }
        }
        throw new DatabaseException("unknown " + type.getSimpleName() + " value in database: " + value);
    }
}
