package dev.sparring.controlplane.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where browsers post their WebRTC offer, derived from the media server's public WebSocket URL. */
class CallLauncherUrlsTest {

    @Test
    void plainWebSocketBecomesHttpOnTheSameHostAndPort() {
        assertThat(CallLauncher.webrtcOfferUrl(URI.create("ws://127.0.0.1:8081")))
                .isEqualTo("http://127.0.0.1:8081/webrtc/offer");
    }

    @Test
    void secureWebSocketBecomesHttpsAndThePathAndQueryAreDropped() {
        assertThat(CallLauncher.webrtcOfferUrl(URI.create("wss://media.example.com/twilio/?x=1")))
                .isEqualTo("https://media.example.com/webrtc/offer");
        assertThat(CallLauncher.webrtcOfferUrl(URI.create("WSS://media.example.com:8443/")))
                .isEqualTo("https://media.example.com:8443/webrtc/offer");
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertThat(CallLauncher.webrtcOfferUrl(URI.create("ws://[::1]:8081")))
                .isEqualTo("http://[::1]:8081/webrtc/offer");
    }
}
