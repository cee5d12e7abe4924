package dev.sparring.controlplane.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "What rate were you quoted?",
        "How did you hear about us?",
        "Why now?",
        "Which term are you after?",
        "Where are you in the process?",
        "Tell me about your current loan.",
        "Describe your ideal payment.",
        "Walk me through your budget.",
        "Help me understand the timeline.",
        "So, what's driving the refinance?",
        "Jordan, what rate did they quote?",
        "Could you walk me through your budget?",
        "Can you just tell me what you pay now?",
        "What are you paying now.",
        "What's your current rate.",
    })
    void openQuestions(String sentence) {
        assertThat(QuestionDetector.classify(sentence)).contains(QuestionKind.OPEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Do you have a minute?",
        "Is that okay?",
        "Are you the decision maker?",
        "Could we meet Tuesday?",
        "Would Thursday work?",
        "Have you locked yet?",
        "Did they mention closing costs?",
        "Okay, so, can I send you the invite?",
        "You got a quote already?",
        "It's a fixed rate, right?",
        "Do you have a minute.",
        "Is there anything else.",
    })
    void closedQuestions(String sentence) {
        assertThat(QuestionDetector.classify(sentence)).contains(QuestionKind.CLOSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "My name is Sam from Harbor Lending.",
        "When we lock, the rate is fixed.",
        "How we do it is simple.",
        "Would love to.",
        "Have a great day.",
        "Which brings me to the fees.",
        "Tell them I said hi!",
    })
    void statementsAreNotQuestions(String sentence) {
        assertThat(QuestionDetector.classify(sentence)).isEmpty();
    }

    @Test
    void eachSentenceIsAtMostOneQuestion() {
        assertThat(QuestionDetector.find("Hi, I'm Sam. What rate did they give you? And is it fixed? Great.", 4200))
                .containsExactly(
                        new Question("What rate did they give you?", QuestionKind.OPEN, 4200),
                        new Question("And is it fixed?", QuestionKind.CLOSED, 4200));
    }

    @Test
    void emptyTextHasNoQuestions() {
        assertThat(QuestionDetector.find("", 0)).isEmpty();
        assertThat(QuestionDetector.find("  ", 0)).isEmpty();
    }
}
