package dev.sparring.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwilioSignatureValidatorTest {
    final TwilioSignatureValidator validator = new TwilioSignatureValidator("12345");

    @Test
    void matchesTwilioDocumentedExample() {
        // Example from twilio-php's docs/usage/validation.rst (auth token 12345): the URL followed by the
        // POST parameters sorted by name, each name immediately followed by its value.
        String signed = "https://mycompany.com/myapp.php?foo=1&bar=2"
                + "CallSidCA1234567890ABCDE" + "Caller+14158675309" + "Digits1234" + "From+14158675309" + "To+18005551212";
        assertThat(validator.sign(signed)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void acceptsOnlyTheSignatureOfTheStreamUrl() {
        String url = "wss://media.example.com/twilio/stream";
        String good = validator.sign(url);
        assertThat(validator.isValid(url, Optional.of(good))).isTrue();
        assertThat(validator.isValid(url, Optional.of(new TwilioSignatureValidator("other").sign(url)))).isFalse();
        assertThat(validator.isValid(url, Optional.empty())).isFalse();
        assertThat(validator.isValid("wss://media.example.com:443/twilio/stream", Optional.of(good))).isTrue();
    }
}
