package dev.sparring.media.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.providers.openai.ChatStreamEvent.Delta;
import dev.sparring.media.providers.openai.ChatStreamEvent.Done;
import dev.sparring.media.providers.openai.ChatStreamEvent.Malformed;
import dev.sparring.media.providers.openai.ChatStreamEvent.StreamError;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Chunk payloads transcribed from https://platform.openai.com/docs/api-reference/chat/streaming. */
class ChatStreamEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsRoleContentAndFinishChunks() {
        String role = """
                {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""";
        String content = """
                {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":" today"},"logprobs":null,"finish_reason":null}]}""";
        String finish = """
                {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""";

        assertThat(ChatStreamEvent.parse(JSON, role)).isEqualTo(new Delta(Optional.empty(), Optional.empty()));
        assertThat(ChatStreamEvent.parse(JSON, content)).isEqualTo(new Delta(Optional.of(" today"), Optional.empty()));
        assertThat(ChatStreamEvent.parse(JSON, finish)).isEqualTo(new Delta(Optional.empty(), Optional.of("stop")));
    }

    @Test
    void readsDoneUsageAndErrors() {
        String usage = """
                {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}""";

        assertThat(ChatStreamEvent.parse(JSON, "[DONE]")).isEqualTo(new Done());
        assertThat(ChatStreamEvent.parse(JSON, usage)).isEqualTo(new Delta(Optional.empty(), Optional.empty()));
        assertThat(ChatStreamEvent.parse(JSON, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"))
                .isEqualTo(new StreamError("overloaded"));
    }

    @Test
    void flagsWhatIsNotAChunk() {
        assertThat(ChatStreamEvent.parse(JSON, "{\"id\":\"chatcmpl-123\",\"object\":\"chat.comp"))
                .isInstanceOf(Malformed.class);
        assertThat(ChatStreamEvent.parse(JSON, "[1, 2]")).isInstanceOf(Malformed.class);
        assertThat(ChatStreamEvent.parse(JSON, "{\"object\":\"chat.completion.chunk\"}")).isInstanceOf(Malformed.class);
        assertThat(ChatStreamEvent.parse(JSON, "{\"choices\":[{\"delta\":{\"content\":7}}]}")).isInstanceOf(Malformed.class);
    }
}
