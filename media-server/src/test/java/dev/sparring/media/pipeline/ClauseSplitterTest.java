package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {
    final ClauseSplitter splitter = new ClauseSplitter();

    @Test
    void cutsAfterSentenceEndsOnceTheFollowingWhitespaceArrives() {
        assertThat(splitter.add("Sure.")).isEmpty();
        assertThat(splitter.add(" What")).containsExactly("Sure.");
        assertThat(splitter.add(" rate did you see? I")).containsExactly("What rate did you see?");
        assertThat(splitter.add(" can't say!")).isEmpty();
        assertThat(splitter.flush()).containsExactly("I can't say!");
        assertThat(splitter.flush()).isEmpty();
    }

    @Test
    void cutsSeveralClausesFromOneChunkIncludingSemicolons() {
        assertThat(splitter.add("No. Not today; maybe later! Call me "))
                .containsExactly("No.", "Not today;", "maybe later!");
        assertThat(splitter.flush()).containsExactly("Call me");
    }

    @Test
    void keepsShortCommaClausesTogetherAndCutsLongOnesAtTheComma() {
        assertThat(splitter.add("Well, I think so ")).isEmpty();
        assertThat(splitter.flush()).containsExactly("Well, I think so");

        assertThat(splitter.add("My current lender quoted me, honestly, a bit less "))
                .containsExactly("My current lender quoted me,");
        // After the cut the next comma clause (" honestly,") is short again, so it waits.
        assertThat(splitter.flush()).containsExactly("honestly, a bit less");
    }

    @Test
    void theCommaThresholdCountsCharactersFromTheClauseStart() {
        String exactly = "a".repeat(ClauseSplitter.MIN_COMMA_CLAUSE_CHARS - 1) + ",";
        assertThat(splitter.add(exactly + " rest ")).containsExactly(exactly);
        String shorter = "b".repeat(ClauseSplitter.MIN_COMMA_CLAUSE_CHARS - 2) + ",";
        assertThat(new ClauseSplitter().add(shorter + " rest ")).isEmpty();
    }

    @Test
    void softBoundariesIncludeColonsAndDashesButNotDecimalPoints() {
        assertThat(splitter.add("Here is what I need to hear: the rate is 6.5 percent - fixed "))
                .containsExactly("Here is what I need to hear:", "the rate is 6.5 percent -");
        assertThat(splitter.flush()).containsExactly("fixed");
    }

    @Test
    void tokenByTokenStreamingGivesTheSameClausesAsOneChunk() {
        String reply = "Honestly, the online quote I got was lower. Can you beat it? I'd need to see numbers.";
        List<String> streamed = new ArrayList<>();
        for (String token : reply.split("(?<= )")) {
            streamed.addAll(splitter.add(token));
        }
        streamed.addAll(splitter.flush());
        ClauseSplitter whole = new ClauseSplitter();
        List<String> oneChunk = new ArrayList<>(whole.add(reply));
        oneChunk.addAll(whole.flush());

        assertThat(streamed).isEqualTo(oneChunk).containsExactly(
                "Honestly, the online quote I got was lower.", "Can you beat it?", "I'd need to see numbers.");
    }

    @Test
    void whitespaceAloneYieldsNothing() {
        assertThat(splitter.add("   ")).isEmpty();
        assertThat(splitter.add("\n ")).isEmpty();
        assertThat(splitter.flush()).isEmpty();
    }
}
