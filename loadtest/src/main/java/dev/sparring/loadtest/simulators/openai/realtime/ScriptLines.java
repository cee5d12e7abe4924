package dev.sparring.loadtest.simulators.openai.realtime;

import dev.sparring.loadtest.script.CallScriptParser;
import dev.sparring.loadtest.script.ScriptException;
import dev.sparring.loadtest.script.ScriptStep;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rep lines the simulator "transcribes", per call: the {@code say} steps of the call script
 * named in the session's trace metadata, in order. A call is keyed by its call id (trace group), so
 * its position survives a reconnect. Thread-safe.
 */
final class ScriptLines {
    private record Cursor(List<String> lines, AtomicInteger next) {}

    private final CallScriptParser parser;
    private final Map<String, Cursor> calls = new ConcurrentHashMap<>();

    ScriptLines(CallScriptParser parser) {
        this.parser = parser;
    }

    /** @return the next line of the call's script, or empty when used up or there is none */
    Optional<String> next(String callId, Optional<String> script) {
        Cursor cursor = calls.computeIfAbsent(callId, id -> new Cursor(script.map(this::load).orElse(List.of()),
                new AtomicInteger()));
        int i = cursor.next().getAndIncrement();
        return i < cursor.lines().size() ? Optional.of(cursor.lines().get(i)) : Optional.empty();
    }

    private List<String> load(String name) {
        if (!name.matches("[a-z0-9-]+") || !Files.isRegularFile(parser.scriptsDirectory().resolve(name + ".yaml"))) {
            return List.of();
        }
        try {
            return parser.load(name).steps().stream().filter(ScriptStep.Say.class::isInstance)
                    .map(s -> ((ScriptStep.Say) s).text()).toList();
        } catch (ScriptException e) {
            throw new dev.sparring.loadtest.LoadTestException("call script '" + name + "' is invalid: " + e.getMessage(), e);
        }
    }
}
