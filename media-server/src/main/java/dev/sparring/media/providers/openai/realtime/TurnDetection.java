package dev.sparring.media.providers.openai.realtime;

/** Who decides that the rep's turn is over, in the Realtime session's {@code turn_detection}. */
public enum TurnDetection {
    /** Silence-based VAD on the server ({@code server_vad}): predictable, tuned by silence duration. */
    SERVER_VAD("server_vad"),
    /** A model judges whether the rep finished the thought ({@code semantic_vad}): fewer cut-offs, later replies. */
    SEMANTIC_VAD("semantic_vad");

    private final String wireName;

    TurnDetection(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
