package dev.sparring.controlplane.tenancy;

import dev.sparring.controlplane.db.DbEnum;

/** What a member of an organisation may do: reps practise, coaches watch and inject, admins manage. */
public enum Role implements DbEnum {
    REP("rep"),
    COACH("coach"),
    ADMIN("admin");

    private final String dbValue;

    Role(String dbValue) {
        this.dbValue = dbValue;
    }

    @Override
    public String dbValue() {
        return dbValue;
    }

    public static Role fromDb(String value) {
        return DbEnum.fromDb(Role.class, value);
    }
}
