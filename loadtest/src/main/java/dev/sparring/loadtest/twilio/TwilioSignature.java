package dev.sparring.loadtest.twilio;

import dev.sparring.loadtest.LoadTestException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio signs its requests
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security): base64 of HMAC-SHA1 keyed with the
 * account's auth token over the full URL (query string included) followed by every POST parameter,
 * sorted by name, as name and value with no separators. A WebSocket upgrade is a GET: the URL alone.
 *
 * <p>Stateless and thread-safe.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /**
     * @param authToken the account's auth token
     * @param url the URL exactly as Twilio requests it (scheme, host, port if any, path, query)
     * @param postParameters form parameters of a POST; empty for a GET
     * @return the header value
     */
    public static String compute(String authToken, String url, Map<String, String> postParameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new LoadTestException("HmacSHA1 is unavailable", e);
        }
    }
}
