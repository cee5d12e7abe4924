package dev.sparring.controlplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario may choose its pipeline and providers; the choice travels to the media server. */
class ScenarioProvidersTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ObjectNode seeded() throws Exception {
        return (ObjectNode) YAML.readTree(Path.of("../config/scenarios/refinance-rate-shopper.yaml").toFile());
    }

    @Test
    void aScenarioWithoutChoicesUsesTheServerDefaults() throws Exception {
        Scenario scenario = Scenario.fromDocument(seeded(), "refinance-rate-shopper.yaml");
        assertThat(scenario.providers()).isEmpty();
        assertThat(scenario.toDocument().has("providers")).isFalse();
    }

    @Test
    void choicesRoundTripThroughTheStoredDocument() throws Exception {
        ObjectNode doc = seeded();
        doc.putObject("providers").put("pipeline", "realtime").put("tts", "elevenlabs");
        Scenario scenario = Scenario.fromDocument(doc, "x.yaml");
        assertThat(scenario.providers()).isEqualTo(Map.of("pipeline", "realtime", "tts", "elevenlabs"));
        JsonNode stored = scenario.toDocument();
        assertThat(Scenario.fromDocument(stored, "db").providers()).isEqualTo(scenario.providers());
    }

    @Test
    void unknownPartsAndValuesAreRefusedByName() throws Exception {
        ObjectNode doc = seeded();
        doc.putObject("providers").put("video", "yes");
        assertThatThrownBy(() -> Scenario.fromDocument(doc, "x.yaml")).hasMessageContaining("video").hasMessageContaining("x.yaml");
        doc.putObject("providers").put("stt", "whisper");
        assertThatThrownBy(() -> Scenario.fromDocument(doc, "x.yaml")).hasMessageContaining("whisper").hasMessageContaining("deepgram");
    }
}
