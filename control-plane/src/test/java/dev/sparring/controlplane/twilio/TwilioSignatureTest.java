package dev.sparring.controlplane.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    // The example of Twilio's request-validation guide (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
    // auth token 12345, URL https://mycompany.com/myapp.php?foo=1&bar=2 and these POST parameters.
    private static final Map<String, List<String>> DOC_PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+12349013030"),
            "Digits", List.of("1234"),
            "From", List.of("+12349013030"),
            "To", List.of("+18005551212"));

    @Test
    void acceptsTheSignatureTwilioComputesForThePublicUrl() throws Exception {
        TwilioSignature signature = new TwilioSignature("12345", URI.create("https://mycompany.com"));
        String expected = independentSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", DOC_PARAMS);
        assertThat(signature.valid("/myapp.php", "foo=1&bar=2", DOC_PARAMS, expected)).isTrue();
    }

    @Test
    void rejectsAForgedOrEmptySignature() throws Exception {
        TwilioSignature signature = new TwilioSignature("12345", URI.create("https://mycompany.com"));
        String forged = independentSignature("wrong-token", "https://mycompany.com/myapp.php?foo=1&bar=2", DOC_PARAMS);
        assertThat(signature.valid("/myapp.php", "foo=1&bar=2", DOC_PARAMS, forged)).isFalse();
        assertThat(signature.valid("/myapp.php", "foo=1&bar=2", DOC_PARAMS, "")).isFalse();
    }

    @Test
    void rejectsASignatureMadeForAnotherPublicUrl() throws Exception {
        // What this server sees behind a tunnel is not what Twilio signed.
        String signedForInternalUrl = independentSignature("12345", "http://127.0.0.1:8080/myapp.php?foo=1&bar=2", DOC_PARAMS);
        TwilioSignature signature = new TwilioSignature("12345", URI.create("https://mycompany.com"));
        assertThat(signature.valid("/myapp.php", "foo=1&bar=2", DOC_PARAMS, signedForInternalUrl)).isFalse();
    }

    @Test
    void rejectsTamperedParameters() throws Exception {
        TwilioSignature signature = new TwilioSignature("12345", URI.create("https://mycompany.com/"));
        String expected = independentSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", DOC_PARAMS);
        Map<String, List<String>> tampered = new TreeMap<>(DOC_PARAMS);
        tampered.put("From", List.of("+10000000000"));
        assertThat(signature.valid("/myapp.php", "foo=1&bar=2", tampered, expected)).isFalse();
    }

    /** Twilio's algorithm, written out: HMAC-SHA1 of the URL followed by each name+value sorted by name. */
    static String independentSignature(String token, String url, Map<String, List<String>> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v.get(0)));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
