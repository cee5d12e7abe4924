package dev.sparring.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The README documents every setting of both services with its current default. */
class ReadmeDocumentsEverySettingTest {

    @Test
    void everySettingAndDefaultIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        for (String file : new String[] {"../config/control-plane.properties", "../config/media-server.properties"}) {
            Properties defaults = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                defaults.load(reader);
            }
            for (String key : defaults.stringPropertyNames()) {
                String value = defaults.getProperty(key).trim();
                String row = "| `" + key + "` | " + (value.isEmpty() ? "*(empty)*" : "`" + value + "`") + " |";
                assertThat(readme).as("README row for %s from %s", key, file).contains(row);
            }
        }
    }

    @Test
    void theReadmeOpensWithTheTwoCommands() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String opening = readme.substring(0, readme.indexOf("```", readme.indexOf("```") + 3));
        assertThat(opening).contains("./sparring run").contains("./sparring test");
        assertThat(Files.readString(Path.of("../.ci/run"))).contains("./sparring test");
    }
}
