package dev.sparring.media.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event-stream interpretation per https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation. */
class SseDecoderTest {

    /** Two chunks as https://platform.openai.com/docs/api-reference/chat/streaming shows them, then [DONE]. */
    private static final String OPENAI_STREAM = """
            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

            data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}

            data: [DONE]

            """;

    @Test
    void splitsOpenAisStreamIntoEvents() {
        List<String> events = new SseDecoder(1 << 20).feed(OPENAI_STREAM.getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(3);
        assertThat(events.get(1)).startsWith("{\"id\":\"chatcmpl-123\"").contains("\"content\":\"Hello\"");
        assertThat(events.get(2)).isEqualTo("[DONE]");
    }

    @Test
    void givesTheSameEventsWhateverTheReadBoundaries() {
        byte[] bytes = OPENAI_STREAM.replace("\n", "\r\n").replace("Hello", "Grüße €").getBytes(StandardCharsets.UTF_8);
        List<String> whole = new SseDecoder(1 << 20).feed(bytes);

        for (int size = 1; size <= 7; size++) {
            SseDecoder decoder = new SseDecoder(1 << 20);
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < bytes.length; i += size) {
                pieces.addAll(decoder.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size))));
            }
            assertThat(pieces).as("reads of %d bytes", size).isEqualTo(whole);
        }
        assertThat(whole.get(1)).contains("Grüße €");
    }

    @Test
    void ignoresCommentsAndOtherFieldsAndJoinsDataLines() {
        String stream = ": OPENROUTER PROCESSING\n\nevent: message\nid: 7\nretry: 1000\ndata:first\rdata: second\r\r: keep-alive\n\n";

        assertThat(new SseDecoder(1024).feed(stream.getBytes(StandardCharsets.UTF_8))).containsExactly("first\nsecond");
    }

    @Test
    void holdsAnEventUntilItsBlankLine() {
        SseDecoder decoder = new SseDecoder(1024);

        assertThat(decoder.feed("data: [DONE]\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(decoder.feed("\n".getBytes(StandardCharsets.UTF_8))).containsExactly("[DONE]");
    }

    @Test
    void refusesAnEndlessEvent() {
        SseDecoder decoder = new SseDecoder(64);

        assertThatThrownBy(() -> decoder.feed(("data: " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseDecoder.SseException.class).hasMessageContaining("64 bytes");
    }
}
