package dev.sparring.loadtest.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server's messages as Twilio documents them (https://www.twilio.com/docs/voice/media-streams/websocket-messages). */
class InboundMessageTest {

    private static InboundMessage read(String json) throws IOException {
        return InboundMessage.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsMediaMarkAndClearSkippingUnknownFields() throws IOException {
        byte[] audio = new byte[160];
        new Random(7).nextBytes(audio);
        InboundMessage media = read("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"extra\":{\"a\":[1,2,{\"b\":3}]},"
                + "\"media\":{\"track\":\"outbound\",\"payload\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}}");
        assertThat(media.event()).isEqualTo("media");
        assertThat(media.streamSid()).isEqualTo("MZ1");
        assertThat(media.payload()).hasValueSatisfying(p -> assertThat(p).isEqualTo(audio));

        InboundMessage mark = read("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"reply-3\"}}");
        assertThat(mark.markName()).hasValue("reply-3");
        assertThat(mark.payload()).isEmpty();

        InboundMessage clear = read("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}");
        assertThat(clear.event()).isEqualTo("clear");
        assertThat(read("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{}}").markName()).isEmpty();
    }

    @Test
    void decodesEveryPaddingLikeTheJdk() {
        Random random = new Random(1);
        for (int length = 0; length < 40; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            char[] text = Base64.getEncoder().encodeToString(bytes).toCharArray();
            assertThat(InboundMessage.base64(text, 0, text.length)).isEqualTo(bytes);
        }
        assertThatThrownBy(() -> InboundMessage.base64("ab!d".toCharArray(), 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InboundMessage.base64("abc".toCharArray(), 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(IOException.class);
    }
}
