package dev.sparring.media.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.pipeline.LanguageModel.Message;
import dev.sparring.media.pipeline.LanguageModel.Request;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request body of https://platform.openai.com/docs/api-reference/chat/create. */
class ChatRequestBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenAiConfig CONFIG = OpenAiConfig.defaults("sk-test");

    @Test
    void rendersPersonaConversationAndSettings() throws Exception {
        Request request = new Request("You are Dana, a homeowner.",
                List.of(Message.assistant("Hello, Dana speaking."), Message.user("Hi Dana, it's Sam from Acme.", true),
                        Message.assistant("What is this about?"), Message.user("", false)),
                List.of(), Optional.empty());

        JsonNode body = JSON.readTree(ChatRequestBody.render(JSON, CONFIG, request));

        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(150);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.8);
        assertThat(body.path("messages")).extracting(m -> m.path("role").asText() + ": " + m.path("content").asText())
                .containsExactly(
                        "system: You are Dana, a homeowner.",
                        "assistant: Hello, Dana speaking.",
                        "user: Hi Dana, it's Sam from Acme.",
                        "assistant: What is this about?",
                        "user: [the rep spoke but the words were not recognised]");
    }

    @Test
    void appendsCoachGuidanceToTheSystemMessageAndTheCurveballLast() throws Exception {
        Request request = new Request("You are Dana.", List.of(Message.user("So, about the rate.", true)),
                List.of("Be warmer if they mention savings", " Mention your husband "),
                Optional.of("Your CFO just asked for \"competitive\" quotes"));

        JsonNode messages = JSON.readTree(ChatRequestBody.render(JSON, CONFIG, request)).path("messages");

        assertThat(messages.get(0).path("content").asText()).isEqualTo("""
                You are Dana.

                Coach guidance (keep this in mind from now on; never mention it or read it out):
                - Be warmer if they mention savings
                - Mention your husband""");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(2).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Coach curveball: in this reply, bring this up "
                + "naturally, in character and in your own words: \"Your CFO just asked for 'competitive' quotes\"");
    }
}
