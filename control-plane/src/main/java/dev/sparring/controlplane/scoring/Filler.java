package dev.sparring.controlplane.scoring;

/** The filler words counted in the rep's speech, in the order every breakdown lists them. */
public enum Filler {
    UM("um"),
    UH("uh"),
    LIKE("like"),
    YOU_KNOW("you know"),
    BASICALLY("basically"),
    ACTUALLY("actually"),
    SORT_OF("sort of"),
    KIND_OF("kind of"),
    I_MEAN("i mean");

    private final String key;

    Filler(String key) {
        this.key = key;
    }

    /** The spoken form, used as the breakdown key in the score JSON. */
    public String key() {
        return key;
    }
}
