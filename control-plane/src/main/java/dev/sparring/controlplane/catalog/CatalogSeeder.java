package dev.sparring.controlplane.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sparring.controlplane.db.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code <configDir>/personas/*.yaml} and {@code <configDir>/scenarios/*.yaml} and upserts them into an
 * organisation. Everything is read and validated before anything is written, and written in one transaction,
 * so a bad file changes nothing. Re-seeding unchanged files writes nothing. Stateless; thread-safe.
 */
public final class CatalogSeeder {

    private static final Logger log = LoggerFactory.getLogger(CatalogSeeder.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Jdbc jdbc;
    private final PersonaRepository personas;
    private final ScenarioRepository scenarios;

    public CatalogSeeder(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.personas = new PersonaRepository(jdbc, clock);
        this.scenarios = new ScenarioRepository(jdbc, clock);
    }

    /** The parsed, validated contents of a config directory. */
    public record Catalog(List<Persona> personas, List<Scenario> scenarios) {
    }

    /** Reads and validates the catalog files without touching the database. */
    public static Catalog load(Path configDir) {
        List<Persona> personas = readAll(configDir.resolve("personas"), Persona::fromDocument);
        List<Scenario> scenarios = readAll(configDir.resolve("scenarios"), Scenario::fromDocument);
        return new Catalog(personas, scenarios);
    }

    public SeedResult seed(UUID orgId, Path configDir) {
        Catalog catalog = load(configDir);
        return jdbc.inTransaction(connection -> {
            Set<String> knownPersonas = new HashSet<>();
            personas.list(orgId).forEach(persona -> knownPersonas.add(persona.id()));
            catalog.personas().forEach(persona -> knownPersonas.add(persona.id()));
            for (Scenario scenario : catalog.scenarios()) {
                if (!knownPersonas.contains(scenario.personaId())) {
                    throw new CatalogException(configDir.resolve("scenarios").resolve(scenario.id() + ".yaml")
                            + ": field 'persona' names unknown persona '" + scenario.personaId() + "'");
                }
            }
            int personasChanged = (int) catalog.personas().stream()
                    .filter(persona -> personas.upsert(orgId, persona)).count();
            int scenariosChanged = (int) catalog.scenarios().stream()
                    .filter(scenario -> scenarios.upsert(orgId, scenario)).count();
            SeedResult result = new SeedResult(catalog.personas().size(), catalog.scenarios().size(),
                    personasChanged, scenariosChanged);
            log.info("Seeded catalog from {} into organisation {}: {}", configDir, orgId, result);
            return result;
        });
    }

    private static <T> List<T> readAll(Path directory, BiFunction<JsonNode, String, T> parser) {
        if (!Files.isDirectory(directory)) {
            throw new CatalogException(directory + ": catalog directory does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(directory + ": cannot list catalog files: " + e.getMessage(), e);
        }
        return files.stream().map(file -> readOne(file, parser)).toList();
    }

    private static <T> T readOne(Path file, BiFunction<JsonNode, String, T> parser) {
        JsonNode document;
        try {
            document = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new CatalogException(file + ": invalid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
        }
        T entry = parser.apply(document, file.toString());
        String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        String id = document.path("id").asText();
        if (!id.equals(expectedId)) {
            throw new CatalogException(file + ": field 'id' must equal the file name '" + expectedId
                    + "' but was '" + id + "'");
        }
        return entry;
    }
}
