package dev.sparring.controlplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A persona may pick its own provider models; they travel to the media server in the document. */
class PersonaModelsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ObjectNode seeded() throws Exception {
        return (ObjectNode) YAML.readTree(Path.of("../config/personas/skeptical-buyer.yaml").toFile());
    }

    @Test
    void modelsAreOptionalAndRoundTrip() throws Exception {
        assertThat(Persona.fromDocument(seeded(), "skeptical-buyer.yaml").models()).isEmpty();
        ObjectNode doc = seeded();
        doc.putObject("models").put("openai", "gpt-4o").put("elevenlabs", "eleven_turbo_v2_5");
        Persona persona = Persona.fromDocument(doc, "x.yaml");
        assertThat(persona.models()).isEqualTo(Map.of("openai", "gpt-4o", "elevenlabs", "eleven_turbo_v2_5"));
        assertThat(Persona.fromDocument(persona.toDocument(), "db").models()).isEqualTo(persona.models());
    }

    @Test
    void anUnknownProviderIsRefusedByName() throws Exception {
        ObjectNode doc = seeded();
        doc.putObject("models").put("whisper", "large");
        assertThatThrownBy(() -> Persona.fromDocument(doc, "x.yaml")).hasMessageContaining("whisper").hasMessageContaining("x.yaml");
    }
}
