package dev.sparring.controlplane.scoring;

/** Open questions invite the prospect to talk; closed ones ask for yes/no or a fact. */
public enum QuestionKind {
    OPEN("open"),
    CLOSED("closed");

    private final String key;

    QuestionKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
