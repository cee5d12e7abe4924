package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.DbEnum;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A coach's curveball or context hint for a live call, and how far it got:
 * requested → forwarded (the media server accepted it) → applied (the prospect acted on it), or failed.
 */
public record Injection(UUID id, UUID orgId, UUID callId, Kind kind, String text, Timing timing, Status status,
                        Optional<UUID> requestedBy, Instant requestedAt, Optional<Instant> forwardedAt,
                        Optional<Instant> appliedAt, Optional<String> error) {

    /** A curveball the prospect raises, or context that steers how it behaves. */
    public enum Kind implements DbEnum {
        CURVEBALL("curveball"),
        CONTEXT("context");

        private final String dbValue;

        Kind(String dbValue) {
            this.dbValue = dbValue;
        }

        @Override
        public String dbValue() {
            return dbValue;
        }

        public static Kind fromDb(String value) {
            return DbEnum.fromDb(Kind.class, value);
        }
    }

    /** When the prospect acts on it (docs/contract.md). */
    public enum Timing implements DbEnum {
        NOW("now"),
        NEXT_TURN("next-turn"),
        AFTER_BOT_TURN("after-bot-turn");

        private final String dbValue;

        Timing(String dbValue) {
            this.dbValue = dbValue;
        }

        @Override
        public String dbValue() {
            return dbValue;
        }

        public static Timing fromDb(String value) {
            return DbEnum.fromDb(Timing.class, value);
        }
    }

    /** Delivery progress. */
    public enum Status implements DbEnum {
        REQUESTED("requested"),
        FORWARDED("forwarded"),
        APPLIED("applied"),
        FAILED("failed");

        private final String dbValue;

        Status(String dbValue) {
            this.dbValue = dbValue;
        }

        @Override
        public String dbValue() {
            return dbValue;
        }

        public static Status fromDb(String value) {
            return DbEnum.fromDb(Status.class, value);
        }
    }
}
