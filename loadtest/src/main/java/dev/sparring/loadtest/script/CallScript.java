package dev.sparring.loadtest.script;

import java.util.List;

/**
 * A parsed {@code config/scripts/<name>.yaml}: what the rep says, in order, and when.
 *
 * @param name the script name (equals the file name without {@code .yaml})
 * @param scenario the scenario id the script is written for
 * @param steps the rep's steps, in order
 */
public record CallScript(String name, String scenario, List<ScriptStep> steps) {

    public CallScript {
        steps = List.copyOf(steps);
    }
}
