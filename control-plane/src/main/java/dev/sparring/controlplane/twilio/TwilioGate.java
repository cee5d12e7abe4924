package dev.sparring.controlplane.twilio;

import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a request really comes from Twilio: with an auth token configured, by
 * {@code X-Twilio-Signature}; without one (local development), only loopback clients are let in.
 */
public final class TwilioGate {
    private final Optional<TwilioSignature> signature;

    public TwilioGate(Optional<TwilioSignature> signature) {
        this.signature = signature;
    }

    public boolean validating() {
        return signature.isPresent();
    }

    /** Returns the form parameters of a request that passed; throws 403 otherwise. */
    public Map<String, List<String>> admit(Exchange exchange) {
        Map<String, List<String>> form = exchange.form();
        if (signature.isEmpty()) {
            if (!exchange.fromLoopback()) {
                throw ProblemException.forbidden("TWILIO_AUTH_TOKEN is not set, so only loopback clients may call "
                        + exchange.path() + "; set it to accept Twilio's signed requests");
            }
            return form;
        }
        String header = exchange.header("X-Twilio-Signature").filter(s -> !s.isBlank())
                .orElseThrow(() -> ProblemException.forbidden("missing X-Twilio-Signature"));
        if (!signature.get().valid(exchange.path(), exchange.rawQuery(), form, header)) {
            throw ProblemException.forbidden("X-Twilio-Signature does not match "
                    + signature.get().publicUrl(exchange.path(), exchange.rawQuery())
                    + " (check the public-url setting against the URL configured in Twilio)");
        }
        return form;
    }

    static Optional<String> param(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
    }
}
