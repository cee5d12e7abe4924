package dev.sparring.media.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IceCredentialsTest {

    @Test
    void randomCredentialsUseIceCharsAndRfcLengths() {
        IceCredentials a = IceCredentials.random();
        IceCredentials b = IceCredentials.random();

        assertThat(a.ufrag()).hasSizeGreaterThanOrEqualTo(4).matches("[A-Za-z0-9+/]+");
        assertThat(a.password()).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9+/]+");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toString()).doesNotContain(a.password());
    }

    @Test
    void rejectsShortOrIllegalValues() {
        assertThatThrownBy(() -> new IceCredentials("abc", "0123456789012345678901"))
                .isInstanceOf(IceException.class).hasMessageContaining("ufrag must be 4-256");
        assertThatThrownBy(() -> new IceCredentials("abcd", "short"))
                .isInstanceOf(IceException.class).hasMessageContaining("password must be 22-256");
        assertThatThrownBy(() -> new IceCredentials("ab:d", "0123456789012345678901"))
                .isInstanceOf(IceException.class).hasMessageContaining("index 2");
    }
}
