package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.DbEnum;
import java.util.EnumSet;
import java.util.Set;

/**
 * The call lifecycle: created → connecting → live → ended → scored, plus failed (the media server vanished;
 * scored with what exists, or ended if it reports completion after all) and abandoned (never connected).
 */
public enum CallState implements DbEnum {
    CREATED("created"),
    CONNECTING("connecting"),
    LIVE("live"),
    ENDED("ended"),
    SCORED("scored"),
    FAILED("failed"),
    ABANDONED("abandoned");

    private final String dbValue;

    CallState(String dbValue) {
        this.dbValue = dbValue;
    }

    @Override
    public String dbValue() {
        return dbValue;
    }

    /** The states this one may move to. */
    public Set<CallState> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(CONNECTING, LIVE, ENDED, FAILED, ABANDONED);
            case CONNECTING -> EnumSet.of(LIVE, ENDED, FAILED, ABANDONED);
            case LIVE -> EnumSet.of(ENDED, FAILED);
            case ENDED -> EnumSet.of(SCORED);
            case FAILED -> EnumSet.of(ENDED, SCORED);
            case SCORED, ABANDONED -> EnumSet.noneOf(CallState.class);
        };
    }

    public boolean canMoveTo(CallState target) {
        return next().contains(target);
    }

    /** Created, connecting or live: the call still holds (or is about to hold) media resources. */
    public boolean isActive() {
        return this == CREATED || this == CONNECTING || this == LIVE;
    }

    public static CallState fromDb(String value) {
        return DbEnum.fromDb(CallState.class, value);
    }
}
