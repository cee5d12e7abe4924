package dev.sparring.controlplane.scoring;

import java.util.Locale;

/** Who spoke an utterance: the human sales rep being trained, or the AI prospect. */
public enum Speaker {
    REP("rep"),
    PROSPECT("prospect");

    private final String wireName;

    Speaker(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the event contract ({@code "rep"} or {@code "prospect"}). */
    public String wireName() {
        return wireName;
    }

    /** Parses the contract's speaker name, case-insensitively. */
    public static Speaker fromWire(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Speaker speaker : values()) {
            if (speaker.wireName.equals(lower)) {
                return speaker;
            }
        }
        throw new ScoringException("unknown speaker \"" + name + "\" (expected rep or prospect)");
    }
}
