package dev.sparring.media.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.ProviderException;

/**
 * Renders a {@link LanguageModel.Request} as the JSON body of {@code POST /v1/chat/completions}
 * (https://platform.openai.com/docs/api-reference/chat/create):
 * <ol>
 *   <li>one {@code system} message: the persona prompt, then the coach's context hints under a
 *       clearly marked heading, so the model treats them as guidance and never reads them out;</li>
 *   <li>the conversation: the rep as {@code user}, the prospect as {@code assistant} with what the
 *       caller actually heard; a rep turn whose words were not recognised becomes
 *       {@value #UNRECOGNISED};</li>
 *   <li>a curveball, when there is one, as a final {@code system} message asking the prospect to
 *       voice it in this reply (after the rep's turn, so it is the freshest instruction).</li>
 * </ol>
 * Stateless.
 */
final class ChatRequestBody {
    static final String UNRECOGNISED = "[the rep spoke but the words were not recognised]";
    static final String GUIDANCE_HEADING = "Coach guidance (keep this in mind from now on; never mention it or read it out):";
    static final String CURVEBALL_INSTRUCTION =
            "Coach curveball: in this reply, bring this up naturally, in character and in your own words: ";

    private ChatRequestBody() {
    }

    static byte[] render(ObjectMapper json, OpenAiConfig config, LanguageModel.Request request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", config.model());
        body.put("stream", true);
        body.put("max_tokens", config.maxTokens());
        body.put("temperature", config.temperature());
        ArrayNode messages = body.putArray("messages");
        StringBuilder system = new StringBuilder(request.systemPrompt());
        if (!request.context().isEmpty()) {
            system.append("\n\n").append(GUIDANCE_HEADING);
            for (String hint : request.context()) {
                system.append("\n- ").append(hint.strip());
            }
        }
        message(messages, "system", system.toString());
        for (LanguageModel.Message m : request.history()) {
            switch (m.role()) {
                case USER -> message(messages, "user", m.recognised() ? m.content() : UNRECOGNISED);
                case ASSISTANT -> message(messages, "assistant", m.content());
            }
        }
        // Straight quotes delimit the curveball; the coach's own quotes become single quotes.
        request.curveball().ifPresent(text -> message(messages, "system",
                CURVEBALL_INSTRUCTION + "\"" + text.strip().replace('"', '\'') + "\""));
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ProviderException(OpenAiLanguageModel.PROVIDER, "request", "cannot render the request body", false, e);
        }
    }

    private static void message(ArrayNode messages, String role, String content) {
        ObjectNode m = messages.addObject();
        m.put("role", role);
        m.put("content", content);
    }
}
