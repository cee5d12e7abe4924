package dev.sparring.loadtest.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallScriptParserTest {

    private static final Path SCRIPTS = Path.of("../config/scripts").toAbsolutePath().normalize();
    private final CallScriptParser parser = new CallScriptParser(SCRIPTS);

    /** The example from the catalog schema, verbatim. */
    private static final String SCHEMA_EXAMPLE = """
            name: refinance-happy-path
            scenario: refinance-rate-shopper
            rep:                                   # in order
              - say: "Hi Jordan, my name is Sam from Harbor Lending, NMLS 12345. Do you have a minute?"
                when: after-bot                    # default: starts pause_ms after the prospect's audio stops
                pause_ms: 700                      # default 700
                wav: audio/refi-01.wav             # optional, relative to config/scripts/; otherwise synthesised (FreeTTS)
              - say: "Sorry to jump in, what rate were you quoted?"
                when: during-bot                   # starts offset_ms after the prospect starts speaking: a barge-in
                offset_ms: 1200
              - say: "uh-huh"                      # a backchannel during bot speech: must NOT interrupt
                when: during-bot
                offset_ms: 800
                backchannel: true
              - dtmf: "5"
              - hangup: true                       # hang up (after-bot by default, or with when/offset)
            """;

    @Test
    void parsesTheSchemaExample() {
        CallScript script = parser.parse("example", SCHEMA_EXAMPLE);

        assertThat(script.name()).isEqualTo("refinance-happy-path");
        assertThat(script.scenario()).isEqualTo("refinance-rate-shopper");
        assertThat(script.steps()).containsExactly(
                new ScriptStep.Say("Hi Jordan, my name is Sam from Harbor Lending, NMLS 12345. Do you have a minute?",
                        new Timing.AfterBot(Duration.ofMillis(700)), Optional.of(SCRIPTS.resolve("audio/refi-01.wav")), false),
                new ScriptStep.Say("Sorry to jump in, what rate were you quoted?",
                        new Timing.DuringBot(Duration.ofMillis(1200)), Optional.empty(), false),
                new ScriptStep.Say("uh-huh", new Timing.DuringBot(Duration.ofMillis(800)), Optional.empty(), true),
                new ScriptStep.Dtmf("5", Timing.afterBot()),
                new ScriptStep.Hangup(Timing.afterBot()));
    }

    @Test
    void defaultsToAfterBotWithTheDocumentedPause() {
        CallScript script = parser.parse("s", """
                name: s
                scenario: x
                rep:
                  - say: "Hello there."
                  - hangup: true
                    when: during-bot
                    offset_ms: 300
                """);
        assertThat(script.steps().get(0).timing()).isEqualTo(new Timing.AfterBot(Duration.ofMillis(700)));
        assertThat(script.steps().get(1)).isEqualTo(new ScriptStep.Hangup(new Timing.DuringBot(Duration.ofMillis(300))));
    }

    @Test
    void rejectsMistakesNamingTheEntry() {
        assertThatThrownBy(() -> parser.parse("f.yaml", """
                name: s
                scenario: x
                rep:
                  - say: "Hi"
                    when: during-bot
                    ofset_ms: 300
                """)).isInstanceOf(ScriptException.class).hasMessageContaining("f.yaml: rep[0]: unknown key 'ofset_ms'");
        assertThatThrownBy(() -> parser.parse("f.yaml", """
                name: s
                scenario: x
                rep:
                  - say: "Hi"
                  - say: "Hi"
                    when: during-bot
                """)).isInstanceOf(ScriptException.class).hasMessageContaining("rep[1]: when: during-bot needs 'offset_ms'");
        assertThatThrownBy(() -> parser.parse("f.yaml", """
                name: s
                scenario: x
                rep:
                  - say: "Hi"
                    dtmf: "1"
                """)).isInstanceOf(ScriptException.class).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> parser.parse("f.yaml", """
                name: s
                scenario: x
                rep:
                  - dtmf: "12x"
                """)).isInstanceOf(ScriptException.class).hasMessageContaining("dtmf digits");
        assertThatThrownBy(() -> parser.parse("f.yaml", "name: S!\nscenario: x\nrep: [{say: hi}]\n"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("name must match");
        assertThatThrownBy(() -> parser.parse("f.yaml", "name: s\nscenario: x\nrep: []\n"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("non-empty list");
        assertThatThrownBy(() -> parser.load("../etc"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("[a-z0-9-]+");
    }
}
