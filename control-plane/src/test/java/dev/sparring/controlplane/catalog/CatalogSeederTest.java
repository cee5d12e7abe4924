package dev.sparring.controlplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.db.PostgresExtension;
import dev.sparring.controlplane.db.TestDatabase;
import dev.sparring.controlplane.tenancy.Organisation;
import dev.sparring.controlplane.tenancy.OrganisationRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class CatalogSeederTest {

    private static final Path SHIPPED = Path.of("..", "config");

    private final Jdbc jdbc = TestDatabase.shared().jdbc();
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final CatalogSeeder seeder = new CatalogSeeder(jdbc, clock);
    private final PersonaRepository personas = new PersonaRepository(jdbc, clock);
    private final ScenarioRepository scenarios = new ScenarioRepository(jdbc, clock);
    private Organisation org;
    private Organisation other;

    @BeforeEach
    void organisations() {
        OrganisationRepository organisations = new OrganisationRepository(jdbc, clock);
        org = organisations.create("acme", "Acme Lending");
        other = organisations.create("globex", "Globex");
    }

    @Test
    void seedingTwiceChangesNothingTheSecondTime() {
        SeedResult first = seeder.seed(org.id(), SHIPPED);
        clock.advance(Duration.ofHours(1));
        SeedResult second = seeder.seed(org.id(), SHIPPED);

        assertThat(first.personasChanged()).isEqualTo(first.personasRead()).isGreaterThanOrEqualTo(6);
        assertThat(first.scenariosChanged()).isEqualTo(first.scenariosRead()).isGreaterThanOrEqualTo(4);
        assertThat(second).isEqualTo(new SeedResult(first.personasRead(), first.scenariosRead(), 0, 0));
        assertThat(jdbc.queryOne("SELECT max(updated_at) FROM personas", row -> row.getObject(1,
                java.time.OffsetDateTime.class).toInstant())).contains(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void storedCatalogReadsBackEqualToTheFilesAndOnlyInItsOrganisation() {
        seeder.seed(org.id(), SHIPPED);
        CatalogSeeder.Catalog files = CatalogSeeder.load(SHIPPED);

        assertThat(personas.list(org.id())).containsExactlyInAnyOrderElementsOf(files.personas());
        assertThat(scenarios.list(org.id())).containsExactlyInAnyOrderElementsOf(files.scenarios());
        assertThat(scenarios.find(org.id(), "refinance-rate-shopper").orElseThrow().rubric()
                .path("objections").size()).isEqualTo(3);
        assertThat(personas.list(other.id())).isEmpty();
        assertThat(scenarios.find(other.id(), "refinance-rate-shopper")).isEmpty();
    }

    @Test
    void changedFileIsUpdatedAndOnlyIt() throws IOException {
        Path config = copyOfShipped();
        seeder.seed(org.id(), config);
        Path file = config.resolve("personas/skeptical-buyer.yaml");
        Files.writeString(file, Files.readString(file).replace("difficulty: 4", "difficulty: 5"));

        SeedResult result = seeder.seed(org.id(), config);

        assertThat(result.personasChanged()).isEqualTo(1);
        assertThat(result.scenariosChanged()).isZero();
        assertThat(personas.find(org.id(), "skeptical-buyer").orElseThrow().difficulty()).isEqualTo(5);
    }

    @Test
    void invalidFieldIsReportedWithFileAndFieldAndNothingIsWritten() throws IOException {
        Path config = copyOfShipped();
        Path file = config.resolve("personas/busy-executive.yaml");
        Files.writeString(file, Files.readString(file).replace("difficulty: 5", "difficulty: 7"));

        assertThatThrownBy(() -> seeder.seed(org.id(), config))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("busy-executive.yaml")
                .hasMessageContaining("'difficulty'")
                .hasMessageContaining("1 to 5");
        assertThat(personas.list(org.id())).isEmpty();
    }

    @Test
    void missingReactionAndRubricFieldsAreNamed() throws IOException {
        Path config = copyOfShipped();
        Path persona = config.resolve("personas/first-time-buyer.yaml");
        Files.writeString(persona, Files.readString(persona).replaceAll("(?m)^  closing:.*$", ""));
        assertThatThrownBy(() -> CatalogSeeder.load(config))
                .hasMessageContaining("first-time-buyer.yaml").hasMessageContaining("'reactions.closing'");

        Path fixed = copyOfShipped();
        Path scenario = fixed.resolve("scenarios/investor-dscr-loan.yaml");
        Files.writeString(scenario, Files.readString(scenario).replace(
                "      addressed_when: [\"no tax returns\", \"rental income\", \"close in an llc\", \"speed\", \"buy down\"]\n",
                ""));
        assertThatThrownBy(() -> CatalogSeeder.load(fixed))
                .hasMessageContaining("investor-dscr-loan.yaml")
                .hasMessageContaining("'rubric.objections[0].addressed_when'");
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws IOException {
        Path config = copyOfShipped();
        Files.writeString(config.resolve("scenarios/broken.yaml"), "id: broken\ntitle: [unclosed\n");

        assertThatThrownBy(() -> CatalogSeeder.load(config))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("invalid YAML");
    }

    @Test
    void scenarioNamingAnUnknownPersonaFailsClearly() throws IOException {
        Path config = copyOfShipped();
        Path file = config.resolve("scenarios/saas-discovery-call.yaml");
        Files.writeString(file, Files.readString(file).replace("persona: skeptical-buyer", "persona: ghost"));

        assertThatThrownBy(() -> seeder.seed(org.id(), config))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("saas-discovery-call.yaml")
                .hasMessageContaining("unknown persona 'ghost'");
        assertThat(scenarios.list(org.id())).isEmpty();
    }

    @Test
    void idMustMatchTheFileName() throws IOException {
        Path config = copyOfShipped();
        Files.move(config.resolve("personas/busy-executive.yaml"), config.resolve("personas/ceo.yaml"));

        assertThatThrownBy(() -> CatalogSeeder.load(config))
                .hasMessageContaining("ceo.yaml").hasMessageContaining("'id' must equal the file name 'ceo'");
    }

    @Test
    void unknownPlaceholderInAPersonaTemplateFailsAtSeedingTime() throws IOException {
        Path config = copyOfShipped();
        Path file = config.resolve("personas/friendly-prospect.yaml");
        Files.writeString(file, Files.readString(file) + "prompt_template: \"You are {persona.nickname}.\"\n");

        assertThatThrownBy(() -> CatalogSeeder.load(config))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("friendly-prospect.yaml").hasMessageContaining("{persona.nickname}");
    }

    @Test
    void dialledNumbersResolveTheirOrganisationAndCannotBeTakenByAnother() {
        seeder.seed(org.id(), SHIPPED);
        seeder.seed(other.id(), SHIPPED);
        DialledNumberRepository numbers = new DialledNumberRepository(jdbc, clock);

        numbers.assign(org.id(), "+15550001111", "refinance-rate-shopper");
        DialledNumber repointed = numbers.assign(org.id(), "+15550001111", "investor-dscr-loan");

        assertThat(repointed.scenarioId()).isEqualTo("investor-dscr-loan");
        assertThat(numbers.findByNumberAnyOrg("+15550001111")).contains(repointed);
        assertThat(numbers.find(other.id(), "+15550001111")).isEmpty();
        assertThat(numbers.list(other.id())).isEmpty();
        assertThatThrownBy(() -> numbers.assign(other.id(), "+15550001111", "saas-discovery-call"))
                .isInstanceOf(CatalogException.class).hasMessageContaining("another organisation");
        assertThat(numbers.remove(other.id(), "+15550001111")).isFalse();
        assertThat(numbers.remove(org.id(), "+15550001111")).isTrue();
    }

    @TempDir
    Path scratch;

    private Path copyOfShipped() throws IOException {
        Path target = Files.createTempDirectory(scratch, "catalog");
        for (String kind : new String[] {"personas", "scenarios"}) {
            Files.createDirectories(target.resolve(kind));
            try (Stream<Path> files = Files.list(SHIPPED.resolve(kind))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(kind).resolve(file.getFileName()));
                }
            }
        }
        return target;
    }
}
