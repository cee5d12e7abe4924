package dev.sparring.controlplane.catalog;

import java.io.Serial;

/** A prompt template names a placeholder that does not exist. */
public class TemplateException extends CatalogException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String placeholder;

    public TemplateException(String placeholder, String message) {
        super(message);
        this.placeholder = placeholder;
    }

    /** The unknown placeholder's name, without braces. */
    public String placeholder() {
        return placeholder;
    }
}
