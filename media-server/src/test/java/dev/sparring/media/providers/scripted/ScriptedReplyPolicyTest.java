package dev.sparring.media.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.pipeline.CallSession;
import dev.sparring.media.pipeline.LanguageModel.Message;
import dev.sparring.media.pipeline.LanguageModel.Request;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptedReplyPolicyTest {
    private static final String OBJECTION = "Honestly, the online quote I got was a quarter point lower, and I am not sure why I should switch.";
    private final CallSession session = session();
    private final ScriptedReplyPolicy policy = new ScriptedReplyPolicy(session.persona(), session.scenario().rubric(),
            TopicKeywords.defaults());
    private final List<Message> history = new ArrayList<>(List.of(Message.assistant("Jordan here. Who is calling?")));

    private String rep(String said, boolean recognised) {
        history.add(Message.user(said, recognised));
        String reply = policy.reply(new Request("", history, List.of(), Optional.empty()));
        history.add(Message.assistant(reply));
        return reply;
    }

    @Test
    void raisesTheObjectionThenReactsToTopicsThenAgreesOnceAddressedAndAsked() {
        assertThat(rep("Hi, my name is Sam. Do you have a minute?", true)).isEqualTo(OBJECTION);
        assertThat(rep("Can we schedule a follow-up?", true)).isEqualTo(OBJECTION);
        assertThat(rep("What rate were you quoted?", true)).isEqualTo("What rate are we actually talking about?");
        assertThat(rep("We can lock the rate and compare the APR.", true)).isEqualTo("What would the next step even look like?");
        assertThat(rep("Let's schedule a follow-up meeting.", true)).isEqualTo("Okay, that works. Send me the invite.");
        assertThat(rep("Great, talk soon.", true)).isEqualTo("Alright. Thanks for your time.");
    }

    @Test
    void withoutRecognitionTheScriptAdvancesTurnByTurn() {
        assertThat(rep("", false)).isEqualTo(OBJECTION);
        assertThat(rep("", false)).isEqualTo("Okay, that works. Send me the invite.");
        assertThat(rep("", false)).isEqualTo("Alright. Thanks for your time.");
    }

    @Test
    void voicesCurveballsAndFallsBackWhenNothingMatches() {
        rep("Hello there.", true);
        history.add(Message.user("Tell me about your weekend.", true));
        assertThat(policy.reply(new Request("", history, List.of(), Optional.empty()))).isEqualTo("Sorry, go on.");
        assertThat(policy.reply(new Request("", history, List.of(), Optional.of("My wife wants two more quotes first."))))
                .isEqualTo("Actually, My wife wants two more quotes first.");
    }

    static CallSession session() {
        try (InputStream in = ScriptedReplyPolicyTest.class.getResourceAsStream("/fixtures/session-refinance.json")) {
            return CallSession.parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
