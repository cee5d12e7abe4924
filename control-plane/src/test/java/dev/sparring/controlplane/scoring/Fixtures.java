package dev.sparring.controlplane.scoring;

import static dev.sparring.controlplane.scoring.Utterance.prospect;
import static dev.sparring.controlplane.scoring.Utterance.rep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Shared test data: the reference scenario's rubric and a hand-timed call against it. */
final class Fixtures {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static JsonNode scenario() {
        try (InputStream in = Fixtures.class.getResourceAsStream("refinance-rate-shopper.yaml")) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rubric refinanceRubric() {
        return Rubric.fromJson(scenario().path("rubric"));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 36 s call, alternating strictly, no overlaps. Rep speaks 6+2+6+3+3 = 20 s and 16+6+13+7+5 = 47
     * words with one filler ("Um"); the prospect speaks 1+1+4+2+2 = 10 s. Gaps after the prospect:
     * 0.5, 1.0, 0.5, 1.0, 0.5 s. Nine speaker switches.
     */
    static CallRecord refinanceCall() {
        return new CallRecord(List.of(
                prospect("Jordan speaking.", 0, 1_000),
                rep("Hi Jordan, my name is Sam from Harbor Lending, NMLS 12345. Do you have a minute?", 1_500, 7_500),
                prospect("Sure, go ahead.", 8_000, 9_000),
                rep("Um, what rate were you quoted?", 10_000, 12_000),
                prospect("Honestly, the online quote I got was a quarter point lower.", 12_500, 16_500),
                rep("I hear you. Did that quote include closing costs? Let's compare the APR.", 17_000, 23_000),
                prospect("I'm not sure.", 24_000, 26_000),
                rep("Could we schedule a follow-up on Tuesday?", 27_000, 30_000),
                prospect("Okay, that works. Send me the invite.", 30_500, 32_500),
                rep("Great, I'll send it now.", 33_000, 36_000)),
                List.of(), 36_000);
    }
}
