package dev.sparring.controlplane.catalog;

import java.io.Serial;

/** A persona or scenario is invalid or inconsistent; the message names the file (or entry) and the field. */
public class CatalogException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
