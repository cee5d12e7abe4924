package dev.sparring.media.config;

import dev.sparring.media.MediaServerException;

/** A setting is missing or invalid; the message names the offending key. */
public final class ConfigException extends MediaServerException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
