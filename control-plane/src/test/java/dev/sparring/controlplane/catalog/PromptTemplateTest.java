package dev.sparring.controlplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    private static final CatalogSeeder.Catalog CATALOG = CatalogSeeder.load(Path.of("..", "config"));

    private static Persona persona(String id) {
        return CATALOG.personas().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static Scenario scenario(String id) {
        return CATALOG.scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void defaultTemplateRendersEveryPlaceholderFromPersonaAndScenario() {
        String prompt = PromptTemplate.render(persona("skeptical-buyer"), scenario("saas-discovery-call"));

        assertThat(prompt).startsWith("You are Dana Whitfield, a VP of Operations at a 400-person logistics company.")
                .contains("Your personality: skeptical, analytical, direct. Communication style: Short sentences")
                .contains("Objections to use during the conversation: Your price is higher than the competition; "
                        + "We tried something like this and it failed; ")
                .contains("Difficulty 4/5. " + PromptTemplate.difficultyInstructions(4))
                .endsWith("Keep answers short and spoken, one or two sentences.")
                .doesNotContain("{");
    }

    @Test
    void personaTemplateMayUseEveryKnownPlaceholder() {
        String template = String.join(" ", PromptTemplate.PLACEHOLDERS.stream().sorted()
                .map(name -> name + "=[{" + name + "}]").toList());
        Persona base = persona("refinance-shopper");
        Persona custom = withTemplate(base, template);

        String prompt = PromptTemplate.render(custom, scenario("refinance-rate-shopper"));

        assertThat(prompt).contains("scenario.goal=[book a follow-up meeting to review a written loan estimate]")
                .contains("persona.first_message=[" + base.firstMessage() + "]")
                .contains("scenario.title=[Refinance: the rate shopper]")
                .contains("persona.difficulty=[3]");
    }

    @Test
    void unknownPlaceholderFailsNamingIt() {
        Persona broken = withTemplate(persona("friendly-prospect"), "You are {persona.name} from {persona.employer}.");

        assertThatThrownBy(() -> PromptTemplate.render(broken, scenario("refinance-rate-shopper")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("{persona.employer}")
                .satisfies(e -> assertThat(((TemplateException) e).placeholder()).isEqualTo("persona.employer"));
        assertThatThrownBy(() -> PromptTemplate.validate("Hello {}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("{}");
    }

    @Test
    void everyDifficultyLevelHasDistinctInstructions() {
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(PromptTemplate::difficultyInstructions).distinct())
                .hasSize(5);
        assertThatThrownBy(() -> PromptTemplate.difficultyInstructions(6))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyShippedPersonaRendersWithEveryShippedScenario() {
        for (Persona persona : CATALOG.personas()) {
            for (Scenario scenario : CATALOG.scenarios()) {
                assertThat(PromptTemplate.render(persona, scenario)).contains(persona.name());
            }
        }
        assertThat(CATALOG.personas()).extracting(Persona::id).contains("friendly-prospect", "skeptical-buyer",
                "busy-executive", "refinance-shopper", "first-time-buyer", "property-investor");
        assertThat(CATALOG.scenarios()).hasSizeGreaterThanOrEqualTo(4);
    }

    private static Persona withTemplate(Persona p, String template) {
        return new Persona(p.id(), p.name(), p.role(), p.companyContext(), p.personalityTraits(),
                p.communicationStyle(), p.objectionPatterns(), p.difficulty(), Map.copyOf(p.voice()),
                p.firstMessage(), Optional.of(template), p.reactions());
    }
}
