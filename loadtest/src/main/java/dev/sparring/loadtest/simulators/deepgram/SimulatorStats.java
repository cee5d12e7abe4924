package dev.sparring.loadtest.simulators.deepgram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator saw, for load reports and tests: accepted upgrades with their query
 * parameters and headers of interest, control messages by type, audio bytes, messages sent, drops.
 *
 * <p>Thread-safe; written by every connection's event loop.
 */
public final class SimulatorStats {

    /** One accepted or refused upgrade request. */
    public record Upgrade(Map<String, List<String>> parameters, int status) {}

    private final List<Upgrade> upgrades = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> controls = new ConcurrentHashMap<>();
    private final LongAdder audioBytes = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder drops = new LongAdder();

    void upgrade(Map<String, List<String>> parameters, int status) {
        upgrades.add(new Upgrade(Map.copyOf(parameters), status));
    }

    void control(String type) {
        controls.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    void audio(int bytes) {
        audioBytes.add(bytes);
    }

    void message() {
        messages.increment();
    }

    void dropped() {
        drops.increment();
    }

    /** @return every upgrade request so far, in arrival order (101 for accepted ones) */
    public List<Upgrade> upgrades() {
        return List.copyOf(upgrades);
    }

    /** @return how many control messages of {@code type} (KeepAlive, Finalize, CloseStream) arrived */
    public long controlMessages(String type) {
        LongAdder count = controls.get(type);
        return count == null ? 0 : count.sum();
    }

    /** @return audio bytes received over all connections */
    public long audioBytes() {
        return audioBytes.sum();
    }

    /** @return messages sent over all connections */
    public long messagesSent() {
        return messages.sum();
    }

    /** @return connections the simulator cut on purpose ({@link DeepgramFaults#dropAfterMessages()}) */
    public long drops() {
        return drops.sum();
    }
}
