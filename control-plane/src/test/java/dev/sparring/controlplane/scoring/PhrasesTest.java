package dev.sparring.controlplane.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    @Test
    void matchesCaseInsensitivelyOnWordBoundariesAfterNormalisingPunctuation() {
        assertThat(Phrases.containsAny("Hi, MY NAME IS Sam.", List.of("my name is"))).isTrue();
        assertThat(Phrases.containsAny("NMLS #12345", List.of("nmls"))).isTrue();
        assertThat(Phrases.containsAny("Can we set up a follow up?", List.of("follow-up"))).isTrue();
        assertThat(Phrases.containsAny("I'll send a follow-up.", List.of("follow up"))).isTrue();
        assertThat(Phrases.containsAny("The rate's too high", List.of("rate"))).isTrue();
    }

    @Test
    void doesNotMatchInsideWordsOrAcrossGaps() {
        assertThat(Phrases.containsAny("That's accurate.", List.of("rate"))).isFalse();
        assertThat(Phrases.containsAny("Our rates are great.", List.of("rate"))).isFalse();
        assertThat(Phrases.containsAny("my name, is Sam", List.of("name is"))).isTrue();
        assertThat(Phrases.containsAny("my own name is Sam", List.of("my name is"))).isFalse();
    }

    @Test
    void phrasesWithoutWordsNeverMatch() {
        assertThat(Phrases.containsAny("anything", List.of("?!"))).isFalse();
    }
}
