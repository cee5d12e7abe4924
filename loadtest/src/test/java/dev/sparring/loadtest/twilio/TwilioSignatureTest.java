package dev.sparring.loadtest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    /**
     * The worked example of https://www.twilio.com/docs/usage/webhooks/webhooks-security
     * ("Validating signatures from Twilio"): auth token 12345, this URL and these POST parameters.
     */
    @Test
    void matchesTwiliosDocumentedExample() {
        Map<String, String> params = new LinkedHashMap<>();
        // Deliberately not in sorted order: the signature sorts them.
        params.put("To", "+18005551212");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("From", "+12349013030");
        params.put("Digits", "1234");
        params.put("Caller", "+12349013030");

        assertThat(TwilioSignature.compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params))
                .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void anyChangeChangesTheSignature() {
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Digits", "1234");
        String signature = TwilioSignature.compute("12345", "https://mycompany.com/myapp.php", params);
        assertThat(TwilioSignature.compute("12345", "https://mycompany.com/myapp.php", Map.of("CallSid", "CA1234567890ABCDE", "Digits", "1235")))
                .isNotEqualTo(signature);
        assertThat(TwilioSignature.compute("54321", "https://mycompany.com/myapp.php", params)).isNotEqualTo(signature);
        assertThat(TwilioSignature.compute("12345", "https://mycompany.com/myapp.php?x=1", params)).isNotEqualTo(signature);
    }
}
