package dev.sparring.controlplane.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a persona's system prompt for a scenario. Placeholders are {@code {name}} tokens; any token not in
 * {@link #PLACEHOLDERS} fails with a {@link TemplateException} naming it, so a typo never reaches a model.
 */
public final class PromptTemplate {

    /** Used when a persona has no {@code prompt_template} of its own. */
    public static final String DEFAULT = """
            You are {persona.name}, a {persona.role} at {scenario.company_size} {scenario.industry} company.
            Company context: {persona.company_context}
            Current situation: {scenario.description}
            Your personality: {persona.personality_traits}. Communication style: {persona.communication_style}.
            Objections to use during the conversation: {persona.objection_patterns}
            Difficulty {persona.difficulty}/5. {difficulty_instructions}
            Stay in character. Keep answers short and spoken, one or two sentences.
            """;

    public static final Set<String> PLACEHOLDERS = Set.of("persona.name", "persona.role", "persona.company_context",
            "persona.personality_traits", "persona.communication_style", "persona.objection_patterns",
            "persona.difficulty", "persona.first_message", "scenario.title", "scenario.description",
            "scenario.company_size", "scenario.industry", "scenario.goal", "difficulty_instructions");

    /**
     * How the prospect behaves at each difficulty 1..5; the one place this text lives. The template prints
     * {@code persona.difficulty}, so the instructions follow the persona's level too and the two never disagree.
     */
    private static final List<String> DIFFICULTY_INSTRUCTIONS = List.of(
            "Be warm and cooperative. Raise at most one mild concern and accept any reasonable answer.",
            "Be friendly but realistic. Raise one or two objections and accept clear, honest answers.",
            "Be polite but guarded. Raise your objections naturally, ask for specifics, and agree to a next step"
                    + " only once your main concern has been answered.",
            "Be skeptical and short on time. Push back on vague or jargon-heavy answers, ask for proof, and agree"
                    + " to a next step only after your objections are addressed with specifics.",
            "Be very hard to win. Be impatient, challenge every claim, repeat objections that were brushed off,"
                    + " and say you will end the call if the rep rambles. Agree to a next step only when the rep"
                    + " has clearly earned it.");

    private static final Pattern TOKEN = Pattern.compile("\\{([^{}\\s]*)}");

    private PromptTemplate() {
    }

    /** The behaviour text for a difficulty level 1..5. */
    public static String difficultyInstructions(int level) {
        if (level < 1 || level > DIFFICULTY_INSTRUCTIONS.size()) {
            throw new IllegalArgumentException("difficulty must be 1..5 but was " + level);
        }
        return DIFFICULTY_INSTRUCTIONS.get(level - 1);
    }

    /** Fails with a {@link TemplateException} naming the first unknown placeholder in {@code template}. */
    public static void validate(String template) {
        Matcher matcher = TOKEN.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw unknown(matcher.group(1));
            }
        }
    }

    /** The persona's template (or {@link #DEFAULT}) with every placeholder filled from persona and scenario. */
    public static String render(Persona persona, Scenario scenario) {
        Map<String, String> values = values(persona, scenario);
        String template = persona.promptTemplate().orElse(DEFAULT);
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw unknown(matcher.group(1));
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString().strip();
    }

    private static Map<String, String> values(Persona persona, Scenario scenario) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("persona.name", persona.name());
        values.put("persona.role", persona.role());
        values.put("persona.company_context", persona.companyContext());
        values.put("persona.personality_traits", String.join(", ", persona.personalityTraits()));
        values.put("persona.communication_style", persona.communicationStyle());
        // Objection patterns are sentences that may contain commas themselves.
        values.put("persona.objection_patterns", String.join("; ", persona.objectionPatterns()));
        values.put("persona.difficulty", Integer.toString(persona.difficulty()));
        values.put("persona.first_message", persona.firstMessage());
        values.put("scenario.title", scenario.title());
        values.put("scenario.description", scenario.description());
        values.put("scenario.company_size", scenario.companySize());
        values.put("scenario.industry", scenario.industry());
        values.put("scenario.goal", scenario.goal());
        values.put("difficulty_instructions", difficultyInstructions(persona.difficulty()));
        return values;
    }

    private static TemplateException unknown(String name) {
        return new TemplateException(name, "names unknown placeholder {" + name + "}; known: "
                + String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
    }
}
