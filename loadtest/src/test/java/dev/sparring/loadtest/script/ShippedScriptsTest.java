package dev.sparring.loadtest.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.loadtest.audio.EncodedAudio;
import dev.sparring.loadtest.audio.RepAudioLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scripts shipped in {@code config/scripts} parse, name real scenarios and can be spoken. */
class ShippedScriptsTest {

    private static final Path CONFIG = Path.of("../config").toAbsolutePath().normalize();
    private static final CallScriptParser PARSER = new CallScriptParser(CONFIG.resolve("scripts"));

    private static List<CallScript> shipped() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG.resolve("scripts"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .map(f -> PARSER.load(f.getFileName().toString().replace(".yaml", ""))).toList();
        }
    }

    @Test
    void everyScriptParsesAndNamesAnExistingScenario() throws IOException {
        List<CallScript> scripts = shipped();
        assertThat(scripts).extracting(CallScript::scenario)
                .contains("refinance-rate-shopper", "first-time-buyer-nervous", "saas-discovery-call");
        for (CallScript script : scripts) {
            assertThat(CONFIG.resolve("scenarios/" + script.scenario() + ".yaml")).exists();
            assertThat(script.steps()).last().isInstanceOf(ScriptStep.Hangup.class);
        }
        assertThat(scripts).anySatisfy(script -> {
            assertThat(script.steps()).anyMatch(s -> s instanceof ScriptStep.Say say && !say.backchannel()
                    && say.timing() instanceof Timing.DuringBot);
            assertThat(script.steps()).anyMatch(s -> s instanceof ScriptStep.Say say && say.backchannel());
        });
    }

    @Test
    void theRefinanceScriptCoversTheRubricTopics() {
        String said = PARSER.load("refinance-happy-path").steps().stream()
                .filter(ScriptStep.Say.class::isInstance).map(s -> ((ScriptStep.Say) s).text().toLowerCase(Locale.ROOT))
                .reduce("", (a, b) -> a + " " + b);
        assertThat(said).contains("my name is", "nmls", "loan estimate", "rate", "apr", "compare", "lock", "follow-up");
    }

    @Test
    void everyLineCanBeSpoken() throws IOException {
        try (RepAudioLibrary library = new RepAudioLibrary()) {
            for (CallScript script : shipped()) {
                Map<ScriptStep.Say, EncodedAudio> audio = library.prepare(script);
                assertThat(audio.values()).allSatisfy(a -> assertThat(a.duration()).isGreaterThan(Duration.ofMillis(200)));
            }
        }
    }
}
