package dev.sparring.loadtest.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads call scripts ({@code config/scripts/<name>.yaml}, format in the catalog schema). Unknown
 * keys are rejected so a typo ({@code ofset_ms}) fails loudly instead of silently changing timing.
 *
 * <p>Stateless and thread-safe.
 */
public final class CallScriptParser {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> TOP_KEYS = Set.of("name", "scenario", "rep");
    private static final Set<String> STEP_KEYS =
            Set.of("say", "dtmf", "hangup", "when", "pause_ms", "offset_ms", "wav", "backchannel");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Path scriptsDirectory;

    /** @param scriptsDirectory the directory holding {@code <name>.yaml} and the {@code audio/} folder */
    public CallScriptParser(Path scriptsDirectory) {
        this.scriptsDirectory = scriptsDirectory;
    }

    /** @return the directory scripts and their WAV paths are resolved against */
    public Path scriptsDirectory() {
        return scriptsDirectory;
    }

    /**
     * @param name a script name, a slug
     * @return the script {@code <scriptsDirectory>/<name>.yaml}
     * @throws ScriptException if the name is not a slug, the file is missing, or the script is invalid
     */
    public CallScript load(String name) {
        if (!SLUG.matcher(name).matches()) {
            throw new ScriptException("script name must match [a-z0-9-]+: '" + name + "'");
        }
        Path file = scriptsDirectory.resolve(name + ".yaml");
        CallScript script = parse(file);
        if (!script.name().equals(name)) {
            throw new ScriptException(file + ": name '" + script.name() + "' differs from the file name");
        }
        return script;
    }

    /**
     * @param file a script file
     * @return the parsed script; WAV paths resolved against the scripts directory
     * @throws ScriptException if the file cannot be read or is invalid
     */
    public CallScript parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScriptException("cannot read call script " + file, e);
        }
        return parse(file.toString(), text);
    }

    /**
     * @param source where the text came from, for messages
     * @param text the YAML text
     * @return the parsed script
     * @throws ScriptException if the text is invalid
     */
    public CallScript parse(String source, String text) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            throw new ScriptException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ScriptException(source + ": a call script is a YAML mapping");
        }
        rejectUnknown(source, root, TOP_KEYS);
        String name = requiredText(source, root, "name");
        if (!SLUG.matcher(name).matches()) {
            throw new ScriptException(source + ": name must match [a-z0-9-]+: '" + name + "'");
        }
        String scenario = requiredText(source, root, "scenario");
        JsonNode rep = root.get("rep");
        if (rep == null || !rep.isArray() || rep.isEmpty()) {
            throw new ScriptException(source + ": 'rep' must be a non-empty list");
        }
        List<ScriptStep> steps = new ArrayList<>();
        for (int i = 0; i < rep.size(); i++) {
            String where = source + ": rep[" + i + "]";
            try {
                steps.add(step(where, rep.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ScriptException(where + ": " + e.getMessage(), e);
            }
        }
        return new CallScript(name, scenario, steps);
    }

    private ScriptStep step(String where, JsonNode node) {
        if (!node.isObject()) {
            throw new ScriptException(where + ": a step is a mapping");
        }
        rejectUnknown(where, node, STEP_KEYS);
        int kinds = (node.has("say") ? 1 : 0) + (node.has("dtmf") ? 1 : 0) + (node.has("hangup") ? 1 : 0);
        if (kinds != 1) {
            throw new ScriptException(where + ": exactly one of 'say', 'dtmf', 'hangup' is required");
        }
        Timing timing = timing(where, node);
        if (node.has("say")) {
            Optional<Path> wav = optionalText(where, node, "wav").map(scriptsDirectory::resolve);
            boolean backchannel = node.has("backchannel") && bool(where, node, "backchannel");
            return new ScriptStep.Say(requiredText(where, node, "say"), timing, wav, backchannel);
        }
        onlyFor(where, node, "say", "wav", "backchannel");
        if (node.has("dtmf")) {
            JsonNode digits = node.get("dtmf");
            if (!digits.isValueNode()) {
                throw new ScriptException(where + ": 'dtmf' must be a string of digits");
            }
            return new ScriptStep.Dtmf(digits.asText(), timing);
        }
        if (!bool(where, node, "hangup")) {
            throw new ScriptException(where + ": 'hangup' must be true when present");
        }
        return new ScriptStep.Hangup(timing);
    }

    private static Timing timing(String where, JsonNode node) {
        String when = optionalText(where, node, "when").orElse("after-bot");
        return switch (when) {
            case "after-bot" -> {
                if (node.has("offset_ms")) {
                    throw new ScriptException(where + ": 'offset_ms' needs when: during-bot");
                }
                yield new Timing.AfterBot(millis(where, node, "pause_ms").orElse(Timing.DEFAULT_PAUSE));
            }
            case "during-bot" -> {
                if (node.has("pause_ms")) {
                    throw new ScriptException(where + ": 'pause_ms' needs when: after-bot");
                }
                yield new Timing.DuringBot(millis(where, node, "offset_ms").orElseThrow(
                        () -> new ScriptException(where + ": when: during-bot needs 'offset_ms'")));
            }
            default -> throw new ScriptException(
                    where + ": 'when' must be after-bot or during-bot, not '" + when + "'");
        };
    }

    private static Optional<Duration> millis(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new ScriptException(where + ": '" + key + "' must be a non-negative integer");
        }
        return Optional.of(Duration.ofMillis(value.asInt()));
    }

    private static void onlyFor(String where, JsonNode node, String kind, String... keys) {
        for (String key : keys) {
            if (node.has(key)) {
                throw new ScriptException(where + ": '" + key + "' is only allowed on a '" + kind + "' step");
            }
        }
    }

    private static boolean bool(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw new ScriptException(where + ": '" + key + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static String requiredText(String where, JsonNode node, String key) {
        return optionalText(where, node, key)
                .orElseThrow(() -> new ScriptException(where + ": '" + key + "' is required"));
    }

    private static Optional<String> optionalText(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ScriptException(where + ": '" + key + "' must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    private static void rejectUnknown(String where, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw new ScriptException(where + ": unknown key '" + key + "'");
            }
        }
    }
}
