package dev.sparring.controlplane.twilio;

import com.twilio.security.RequestValidator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks {@code X-Twilio-Signature}. Twilio signs the exact public URL it called (scheme, host, port,
 * path and query) followed by the POST parameters sorted by name, so the URL is rebuilt from the
 * configured public base URL rather than from what this server saw behind a proxy or tunnel.
 * Immutable and thread-safe.
 */
public final class TwilioSignature {
    private final RequestValidator validator;
    private final URI publicBase;

    public TwilioSignature(String authToken, URI publicBase) {
        this.validator = new RequestValidator(authToken);
        this.publicBase = publicBase;
    }

    /** The URL Twilio called, given the path and raw query this server received. */
    public String publicUrl(String path, String rawQuery) {
        String base = publicBase.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    public boolean valid(String path, String rawQuery, Map<String, List<String>> form, String signature) {
        Map<String, String> params = new TreeMap<>();
        // Twilio never repeats a parameter in its webhooks; the first value stands for the name.
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        return validator.validate(publicUrl(path, rawQuery), params, signature);
    }
}
