package dev.sparring.media.providers.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sparring.media.pipeline.session.InvalidSessionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rep's side of a call script ({@code config/scripts/<name>.yaml}) as far as a recogniser
 * needs it: the {@code say} lines in order (dtmf and hangup steps carry no speech).
 */
public record CallScript(String name, String scenario, List<Line> lines) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One spoken rep line; backchannels are short acknowledgements said during the prospect's speech. */
    public record Line(String text, boolean backchannel) {}

    public CallScript {
        lines = List.copyOf(lines);
    }

    /** Loads {@code <dir>/<name>.yaml}; the name must be a slug so it cannot leave the directory. */
    public static CallScript load(Path dir, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSessionException("call script name must match [a-z0-9-]+, was " + name);
        }
        Path file = dir.resolve(name + ".yaml");
        try {
            return parse(YAML.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new InvalidSessionException("cannot read call script " + file + ": " + e.getMessage(), e);
        }
    }

    public static CallScript parse(JsonNode root) {
        JsonNode rep = root.path("rep");
        if (!rep.isArray()) {
            throw new InvalidSessionException("call script: missing list field rep");
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode step : rep) {
            JsonNode say = step.path("say");
            if (say.isTextual()) {
                lines.add(new Line(say.asText(), step.path("backchannel").asBoolean(false)));
            }
        }
        return new CallScript(root.path("name").asText(""), root.path("scenario").asText(""), lines);
    }
}
