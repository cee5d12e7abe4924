package dev.sparring.controlplane.calls;

import dev.sparring.controlplane.db.DbEnum;
import java.util.Optional;
import java.util.UUID;

/**
 * One spoken segment of a call, materialised from an {@code utterance} event.
 *
 * @param text          for the prospect: what the caller actually heard (cut at a barge-in)
 * @param startMs       milliseconds since the call went live
 * @param generatedText for the prospect: what the language model produced
 */
public record Utterance(UUID callId, long seq, Speaker speaker, int turn, String text, long startMs, long endMs,
                        boolean recognised, boolean interrupted, Optional<String> generatedText) {

    /** Who spoke. */
    public enum Speaker implements DbEnum {
        REP("rep"),
        PROSPECT("prospect");

        private final String dbValue;

        Speaker(String dbValue) {
            this.dbValue = dbValue;
        }

        @Override
        public String dbValue() {
            return dbValue;
        }

        public static Speaker fromDb(String value) {
            return DbEnum.fromDb(Speaker.class, value);
        }
    }
}
