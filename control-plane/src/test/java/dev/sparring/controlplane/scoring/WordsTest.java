package dev.sparring.controlplane.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.scoring.Words.Gap;
import dev.sparring.controlplane.scoring.Words.Word;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void keepsContractionsHyphenationAndNumbersWhole() {
        assertThat(Words.of("I’d say uh-huh to a follow-up at 6.5% by 10:30, OK?"))
                .extracting(Word::text)
                .containsExactly("i'd", "say", "uh-huh", "to", "a", "follow-up", "at", "6.5", "by", "10:30", "ok");
    }

    @Test
    void recordsThePunctuationAroundEachWord() {
        assertThat(Words.of("Well, I mean... yes. No - maybe"))
                .containsExactly(
                        new Word("well", Gap.SENTENCE, Gap.PAUSE),
                        new Word("i", Gap.PAUSE, Gap.NONE),
                        new Word("mean", Gap.NONE, Gap.PAUSE),
                        new Word("yes", Gap.PAUSE, Gap.SENTENCE),
                        new Word("no", Gap.SENTENCE, Gap.PAUSE),
                        new Word("maybe", Gap.PAUSE, Gap.SENTENCE));
    }

    @Test
    void aTrailingCommaIsAPauseNotAnEnd() {
        assertThat(Words.of("it's, like,").get(1)).isEqualTo(new Word("like", Gap.PAUSE, Gap.PAUSE));
    }

    @Test
    void countsWords() {
        assertThat(Words.count("My name is Sam, NMLS 12345.")).isEqualTo(6);
        assertThat(Words.count(" ... ")).isZero();
    }
}
