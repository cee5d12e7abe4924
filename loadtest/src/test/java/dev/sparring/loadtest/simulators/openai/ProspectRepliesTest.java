package dev.sparring.loadtest.simulators.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.loadtest.simulators.openai.ChatRequest.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProspectRepliesTest {
    /** The persona prompt template of PRODUCT.md rendered for config/personas/refinance-shopper.yaml-like data. */
    private static final String PROMPT = """
            You are Maria Lopez, a homeowner at a small residential real estate company.
            Company context: Owns a three-bedroom house with a 7.1% mortgage.
            Current situation: Shopping around for a refinance.
            Your personality: cautious, price-sensitive. Communication style: polite but guarded.
            Objections to use during the conversation: I can get a better rate online; The closing costs eat the savings
            Difficulty 3/5. Be polite but guarded.
            Stay in character. Keep answers short and spoken, one or two sentences.""";

    private final ProspectReplies replies = new ProspectReplies();

    @Test
    void greetsByFirstNameBeforeTheRepSpeaks() {
        assertThat(reply(List.of())).isEqualTo("Hello, this is Maria. Who am I speaking with?");
    }

    @Test
    void reactsToTopicsOnWholeWords() {
        assertThat(reply(List.of(user("Let me tell you about our rates")))).startsWith("What rate could you actually offer");
        assertThat(reply(List.of(user("How do we compare to the competition?")))).startsWith("I've already talked to someone else");
        assertThat(reply(List.of(user("Could this happen soon")))).startsWith("I'm not in a rush.");
        // "separate" contains "rate" but is not the word
        assertThat(reply(List.of(user("We keep those separate.")))).isEqualTo("What exactly are you offering me?");
    }

    @Test
    void answersAQuestionWithThePersonasObjections() {
        assertThat(reply(List.of(user("Is now a good moment?")))).isEqualTo("Honestly? I can get a better rate online.");
        assertThat(reply(List.of(user("Hi"), new ChatMessage("assistant", "Hello."), user("Can I ask you something?"))))
                .isEqualTo("Honestly? The closing costs eat the savings.");
    }

    @Test
    void asksToRepeatWhenTheRepWasNotRecognised() {
        assertThat(reply(List.of(user("[the rep spoke but the words were not recognised]"))))
                .isEqualTo("Sorry, you broke up there. Could you say that again?");
    }

    @Test
    void voicesOnlyACurveballRequestedAfterTheRepsLastTurn() {
        ChatMessage curveball = new ChatMessage("system", "Coach curveball: voice \"My husband wants to wait a year\"");

        assertThat(reply(List.of(user("Hello"), curveball)))
                .isEqualTo("Hold on. My husband wants to wait a year. So how do you answer that?");
        assertThat(reply(List.of(curveball, new ChatMessage("assistant", "Hold on."), user("I understand."))))
                .isEqualTo("How is that different from what I have now?");
    }

    private String reply(List<ChatMessage> conversation) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage("system", PROMPT));
        messages.addAll(conversation);
        return replies.reply(new ChatRequest("m", true, messages, OptionalInt.empty()));
    }

    private static ChatMessage user(String text) {
        return new ChatMessage("user", text);
    }
}
