package dev.sparring.loadtest.simulators.deepgram;

import dev.sparring.loadtest.script.CallScriptParser;
import dev.sparring.loadtest.script.ScriptException;
import dev.sparring.loadtest.script.ScriptStep;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call scripts the simulator answers from, and where each call is in its script. A call is
 * named by all of its connection's {@code tag} values together, so its position survives a
 * reconnect; the first tag naming a script file selects the script.
 *
 * <p>Thread-safe: connections on different event loops share it. A call's cursor is moved only by
 * its one live connection.
 */
final class ScriptBook {

    /** A call's lines and how many of them have been answered. */
    static final class Cursor {
        private final List<ScriptStep.Say> lines;
        private int next;

        Cursor(List<ScriptStep.Say> lines) {
            this.lines = lines;
        }

        /**
         * Takes the line for a segment: the next one, skipping backchannel lines the segment is too long for.
         *
         * @return the line's text, or empty when the script is used up (or there is none)
         */
        synchronized Optional<String> take(boolean shortSegment) {
            int i = next;
            while (i < lines.size() && lines.get(i).backchannel() && !shortSegment) {
                i++;
            }
            if (i >= lines.size()) {
                return Optional.empty();
            }
            next = i + 1;
            return Optional.of(lines.get(i).text());
        }

        /** @return the line the next segment would get, without taking it */
        synchronized Optional<String> peek(boolean shortSegment) {
            int i = next;
            while (i < lines.size() && lines.get(i).backchannel() && !shortSegment) {
                i++;
            }
            return i < lines.size() ? Optional.of(lines.get(i).text()) : Optional.empty();
        }
    }

    private final CallScriptParser parser;
    private final Map<String, List<ScriptStep.Say>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    ScriptBook(CallScriptParser parser) {
        this.parser = parser;
    }

    /** @return the cursor of the call named by {@code tags} (a fresh one the first time) */
    Cursor cursor(List<String> tags) {
        if (tags.isEmpty()) {
            return new Cursor(List.of());
        }
        return cursors.computeIfAbsent(String.join("\n", tags), key -> new Cursor(linesFor(tags)));
    }

    /** Forgets a call whose stream was closed by the client (CloseStream). */
    void release(List<String> tags) {
        cursors.remove(String.join("\n", tags));
    }

    private List<ScriptStep.Say> linesFor(List<String> tags) {
        for (String tag : tags) {
            if (tag.matches("[a-z0-9-]+") && Files.isRegularFile(parser.scriptsDirectory().resolve(tag + ".yaml"))) {
                return scripts.computeIfAbsent(tag, this::load);
            }
        }
        return List.of();
    }

    private List<ScriptStep.Say> load(String name) {
        try {
            return parser.load(name).steps().stream()
                    .filter(ScriptStep.Say.class::isInstance).map(ScriptStep.Say.class::cast).toList();
        } catch (ScriptException e) {
            throw new SimulatorException("call script '" + name + "' is invalid: " + e.getMessage(), e);
        }
    }
}
