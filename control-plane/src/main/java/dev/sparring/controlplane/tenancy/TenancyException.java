package dev.sparring.controlplane.tenancy;

import java.io.Serial;

/** A tenancy operation was refused: a malformed credential, an unknown user, a bad bootstrap setting. */
public class TenancyException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TenancyException(String message) {
        super(message);
    }
}
