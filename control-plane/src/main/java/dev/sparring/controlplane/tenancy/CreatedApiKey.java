package dev.sparring.controlplane.tenancy;

/**
 * A freshly created key and its plaintext, which exists only here: show it to the user once, then drop it.
 */
public record CreatedApiKey(ApiKey key, String plaintext) {

    /** Keeps the secret out of logs when the record is printed. */
    @Override
    public String toString() {
        return "CreatedApiKey[key=" + key + ", plaintext=" + key.prefix() + "…]";
    }
}
