package dev.sparring.controlplane.scoring;

import static dev.sparring.controlplane.scoring.Filler.ACTUALLY;
import static dev.sparring.controlplane.scoring.Filler.BASICALLY;
import static dev.sparring.controlplane.scoring.Filler.I_MEAN;
import static dev.sparring.controlplane.scoring.Filler.KIND_OF;
import static dev.sparring.controlplane.scoring.Filler.LIKE;
import static dev.sparring.controlplane.scoring.Filler.SORT_OF;
import static dev.sparring.controlplane.scoring.Filler.UH;
import static dev.sparring.controlplane.scoring.Filler.UM;
import static dev.sparring.controlplane.scoring.Filler.YOU_KNOW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FillerDetectorTest {

    @Test
    void countsHesitationsIncludingDrawnOutSpellings() {
        assertThat(FillerDetector.find("Um, so, uh, the rate is... umm, six. Uhh.")).containsExactly(UM, UH, UM, UH);
    }

    @Test
    void backchannelUhHuhIsNotUh() {
        assertThat(FillerDetector.find("Uh-huh, right.")).isEmpty();
    }

    @Test
    void basicallyAlwaysCounts() {
        assertThat(FillerDetector.find("It's basically a refinance. Basically, yes.")).containsExactly(BASICALLY, BASICALLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Like, we could lock today.",
        "It's, like, a quarter point.",
        "We were like, wow.",
        "So - like - we can do that.",
    })
    void likeAsFiller(String text) {
        assertThat(FillerDetector.find(text)).containsExactly(LIKE);
    }

    @Test
    void likeRunningIntoAHesitationCountsAsWellAsTheHesitation() {
        assertThat(FillerDetector.find("It was like um twenty minutes.")).containsExactly(LIKE, UM);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I'd like to send you the numbers.",
        "Would you like a quote?",
        "It looks like rates dipped this week.",
        "Sounds like, yeah, a plan.",
        "Something like, five percent.",
        "Like I said, the rate is fixed.",
        "It's like a lock on the price.",
        "We really like that product.",
        "Customers like our service.",
        "I like, um, the fixed option.",
    })
    void likeAsVerbOrComparisonIsNotAFiller(String text) {
        assertThat(FillerDetector.find(text)).doesNotContain(LIKE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "It's kind of expensive.",
        "I kind of think we can beat it.",
        "It's kinda high.",
        "We, kind of, already did.",
    })
    void kindOfAsHedge(String text) {
        assertThat(FillerDetector.find(text)).containsExactly(KIND_OF);
    }

    @Test
    void sortOfHedgeOnAVerbCounts() {
        assertThat(FillerDetector.find("I'd sort of expect a lower rate.")).containsExactly(SORT_OF);
        assertThat(FillerDetector.find("That's sorta the point.")).containsExactly(SORT_OF);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "What kind of loan do you have?",
        "This sort of thing happens.",
        "The right kind of rate matters.",
        "What kinds of loans do you offer?",
        "Which sort of term suits you?",
        "Is that the kind of help you need?",
        "Any kind of fee is negotiable.",
        "My kind of deal.",
    })
    void kindOfAsNounIsNotAFiller(String text) {
        assertThat(FillerDetector.find(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Actually, we can do that.",
        "So actually, we can do that.",
        "I did, actually.",
        "Well actually um no.",
        "The fee, actually, is waived.",
    })
    void actuallyAsDiscourseMarker(String text) {
        assertThat(FillerDetector.find(text)).contains(ACTUALLY).doesNotContain(LIKE, I_MEAN, YOU_KNOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "What do you actually pay today?",
        "We actually cut the fee last month.",
        "Actually the rate is lower with us.",
        "Is it actually cheaper?",
    })
    void actuallyCarryingMeaningIsNotAFiller(String text) {
        assertThat(FillerDetector.find(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I mean, the rate is fine.",
        "Well, I mean, we could.",
        "Yeah I mean, it depends.",
        "I mean uh it depends.",
    })
    void iMeanAsDiscourseMarker(String text) {
        assertThat(FillerDetector.find(text)).contains(I_MEAN).doesNotContain(LIKE, YOU_KNOW, ACTUALLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I mean it.",
        "What I mean is the fee.",
        "Do you know what I mean?",
        "I mean the fixed rate, not the adjustable one.",
        "That's not what I mean.",
    })
    void iMeanWithItsMeaningIsNotAFiller(String text) {
        assertThat(FillerDetector.find(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "You know, rates move every day.",
        "It's, you know, a big step.",
        "It's a big decision, you know?",
        "It's a big decision, you know.",
        "And you know um we can help.",
    })
    void youKnowAsDiscourseMarker(String text) {
        assertThat(FillerDetector.find(text)).contains(YOU_KNOW).doesNotContain(LIKE, I_MEAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Do you know the rate?",
        "Do you know, by any chance, the rate?",
        "You know what I mean.",
        "You know what? Let's lock it.",
        "As you know, rates rose.",
        "If you know the payoff amount, tell me.",
        "It matters more than you know.",
        "Let you know tomorrow.",
        "Did you know, we waive the fee?",
    })
    void youKnowAsVerbIsNotAFiller(String text) {
        assertThat(FillerDetector.find(text)).isEmpty();
    }

    @Test
    void countsEveryFillerInOneUtterance() {
        assertThat(FillerDetector.count("Um, I mean, it's, like, basically, you know, kind of a lot. Actually, uh, yes."))
                .containsEntry(UM, 1).containsEntry(I_MEAN, 1).containsEntry(LIKE, 1).containsEntry(BASICALLY, 1)
                .containsEntry(YOU_KNOW, 1).containsEntry(KIND_OF, 1).containsEntry(ACTUALLY, 1)
                .containsEntry(UH, 1).doesNotContainKey(SORT_OF);
    }

    @Test
    void curlyApostrophesAreReadLikeStraightOnes() {
        assertThat(FillerDetector.find("I’d like to help.")).isEmpty();
    }
}
