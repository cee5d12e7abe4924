package dev.sparring.media.webrtc.ice;

import java.time.Duration;

/**
 * Per-agent ICE settings.
 *
 * @param consentTimeout how long without a valid connectivity check before consent is lost
 *     (RFC 7675 §5.1: 30 s)
 * @param maxValidatedAddresses how many validated remote addresses an agent remembers; the least
 *     recently checked is forgotten first, so a peer cannot grow the set without bound
 */
public record IceSettings(Duration consentTimeout, int maxValidatedAddresses) {
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_VALIDATED_ADDRESSES = 8;

    public IceSettings {
        if (consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IceException("consent-timeout must be positive, got " + consentTimeout);
        }
        if (maxValidatedAddresses < 1) {
            throw new IceException("max-validated-addresses must be at least 1, got " + maxValidatedAddresses);
        }
    }

    public static IceSettings defaults() {
        return new IceSettings(DEFAULT_CONSENT_TIMEOUT, DEFAULT_MAX_VALIDATED_ADDRESSES);
    }
}
