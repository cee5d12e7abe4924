package dev.sparring.media.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Twilio-Signature} per https://www.twilio.com/docs/usage/security: base64 of
 * HMAC-SHA1(auth token, full URL + sorted POST parameters). A WebSocket upgrade is a GET without
 * parameters, so the signed string is the URL alone. Like Twilio's own validator it accepts the URL
 * with and without the scheme's default port. Stateless and thread-safe.
 */
public final class TwilioSignatureValidator {
    private final byte[] authToken;

    public TwilioSignatureValidator(String authToken) {
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isValid(String url, Optional<String> signature) {
        if (signature.isEmpty() || signature.get().isBlank()) {
            return false;
        }
        byte[] given = signature.get().trim().getBytes(StandardCharsets.US_ASCII);
        for (String candidate : variants(url)) {
            if (MessageDigest.isEqual(sign(candidate).getBytes(StandardCharsets.US_ASCII), given)) {
                return true;
            }
        }
        return false;
    }

    /** The signature Twilio would send for {@code url}. */
    public String sign(String url) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(url.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new MediaStreamsException("signature-unavailable", CloseCodes.INTERNAL_ERROR, "HmacSHA1 unavailable: " + e);
        }
    }

    private static Set<String> variants(String url) {
        Set<String> out = new LinkedHashSet<>();
        out.add(url);
        URI uri = URI.create(url);
        int defaultPort = switch (uri.getScheme()) {
            case "https", "wss" -> 443;
            default -> 80;
        };
        String tail = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (uri.getPort() == -1) {
            out.add(uri.getScheme() + "://" + uri.getHost() + ":" + defaultPort + tail);
        } else if (uri.getPort() == defaultPort) {
            out.add(uri.getScheme() + "://" + uri.getHost() + tail);
        }
        return out;
    }
}
