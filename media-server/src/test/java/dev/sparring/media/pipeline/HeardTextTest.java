package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.media.pipeline.HeardText.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeardTextTest {
    // 18 characters over 1 s, then 11 characters over 0.6 s.
    static final List<Segment> REPLY = List.of(
            new Segment("Hello there friend", 0, 1_000),
            new Segment("How are you", 1_000, 600));

    @Test
    void nothingHeardIsEmptyAndEverythingHeardIsTheWholeReply() {
        assertThat(HeardText.cut(REPLY, 0)).isEmpty();
        assertThat(HeardText.cut(REPLY, 1_600)).isEqualTo("Hello there friend How are you");
        assertThat(HeardText.cut(REPLY, 99_999)).isEqualTo("Hello there friend How are you");
    }

    @Test
    void aWordCountsOnlyOnceItsLastLetterWasReached() {
        // 500 ms = 9 of 18 characters: "Hello" (5) is complete, "there" ends at 11.
        assertThat(HeardText.cut(REPLY, 500)).isEqualTo("Hello");
        // 600 ms = 10.8 → 10 characters: still short of "there".
        assertThat(HeardText.cut(REPLY, 600)).isEqualTo("Hello");
        // 620 ms = 11.16 → 11 characters: "there" is reached.
        assertThat(HeardText.cut(REPLY, 620)).isEqualTo("Hello there");
        assertThat(HeardText.cut(REPLY, 999)).isEqualTo("Hello there");
    }

    @Test
    void aFinishedSegmentIsHeardWholeAndTheNextIsCutWithinItsOwnSpan() {
        assertThat(HeardText.cut(REPLY, 1_000)).isEqualTo("Hello there friend");
        // 300 ms into the second segment = 5.5 → 5 of 11 characters: "How" only.
        assertThat(HeardText.cut(REPLY, 1_300)).isEqualTo("Hello there friend How");
        // 390 ms = 7.15 → 7 of 11 characters: the end of "are".
        assertThat(HeardText.cut(REPLY, 1_390)).isEqualTo("Hello there friend How are");
    }

    @Test
    void aSegmentWithoutAudioCountsAsHeard() {
        // 11 characters over 1.1 s: 10 ms per character.
        List<Segment> segments = List.of(
                new Segment("", 0, 0),
                new Segment("Right, sure", 0, 1_100),
                new Segment("Okay.", 1_100, 500));
        assertThat(HeardText.cut(segments, 0)).isEmpty();
        assertThat(HeardText.cut(segments, 650)).isEqualTo("Right,");
        assertThat(HeardText.cut(segments, 1_600)).isEqualTo("Right, sure Okay.");
    }

    @Test
    void prefixByFractionKeepsWholeWordsOnly() {
        assertThat(HeardText.prefixByFraction("one two three", 0)).isEmpty();
        // 13 characters; a fraction reaches floor(13 * fraction) of them.
        assertThat(HeardText.prefixByFraction("one two three", 3.5 / 13)).isEqualTo("one");
        assertThat(HeardText.prefixByFraction("one two three", 6.5 / 13)).isEqualTo("one");
        assertThat(HeardText.prefixByFraction("one two three", 7.5 / 13)).isEqualTo("one two");
        assertThat(HeardText.prefixByFraction("  leading space", 0.65)).isEqualTo("  leading");
        assertThat(HeardText.prefixByFraction("one two three", 1)).isEqualTo("one two three");
    }

    @Test
    void withWordTimingsTheCutFallsAfterTheLastWordWhoseEndWasHeard() {
        // The voice lingers on its first word: timings, not letters, say where the words are.
        String text = "Absolutely not, we already refinanced.";
        List<TextToSpeech.WordTiming> words = List.of(
                new TextToSpeech.WordTiming("Absolutely", 0, 900),
                new TextToSpeech.WordTiming("not,", 900, 1_100),
                new TextToSpeech.WordTiming("we", 1_150, 1_250),
                new TextToSpeech.WordTiming("already", 1_250, 1_600),
                new TextToSpeech.WordTiming("refinanced.", 1_600, 2_200));
        List<Segment> segments = List.of(new Segment("Hello there.", 0, 1_000), new Segment(text, 1_000, 2_200, words));

        assertThat(HeardText.cut(segments, 1_899)).isEqualTo("Hello there.");
        assertThat(HeardText.cut(segments, 1_900)).isEqualTo("Hello there. Absolutely");
        assertThat(HeardText.cut(segments, 2_260)).isEqualTo("Hello there. Absolutely not, we");
        assertThat(HeardText.cut(segments, 3_199)).isEqualTo("Hello there. Absolutely not, we already");
        assertThat(HeardText.cut(segments, 3_200)).isEqualTo("Hello there. " + text);
        // Without timings the same heard position maps by letters: a different, less faithful cut.
        assertThat(HeardText.cut(List.of(segments.get(0), new Segment(text, 1_000, 2_200)), 1_900))
                .isEqualTo("Hello there. Absolutely not,");
    }

    @Test
    void prefixByWordsKeepsTheTextAsWritten() {
        assertThat(HeardText.prefixByWords("  one,  two three", 2)).isEqualTo("  one,  two");
        assertThat(HeardText.prefixByWords("one two", 0)).isEmpty();
        assertThat(HeardText.prefixByWords("one two", 5)).isEqualTo("one two");
    }
}
