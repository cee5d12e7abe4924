package dev.sparring.loadtest.simulators.elevenlabs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the {@link ElevenLabsSimulator} has seen and done, for load-test reports and for tests that
 * check what a client sent. Thread-safe counters, written by the simulator's event loops.
 */
public final class SimulatorStats {
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger openSockets = new AtomicInteger();
    private final AtomicInteger httpStreams = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger keepAlives = new AtomicInteger();
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicInteger contextsClosed = new AtomicInteger();
    private final AtomicInteger audioMessages = new AtomicInteger();
    private final AtomicInteger inactivityCloses = new AtomicInteger();
    private final AtomicReference<Map<String, String>> lastQuery = new AtomicReference<>(Map.of());
    private final AtomicReference<String> lastContextInit = new AtomicReference<>();
    private final AtomicReference<String> lastHttpBody = new AtomicReference<>();

    /** WebSocket handshakes accepted. */
    public int connections() {
        return connections.get();
    }

    /** WebSockets open now. */
    public int openSockets() {
        return openSockets.get();
    }

    /** HTTP stream requests answered with audio. */
    public int httpStreams() {
        return httpStreams.get();
    }

    /** Requests refused with 401 or 429. */
    public int refused() {
        return refused.get();
    }

    /** Empty-text messages that only kept the connection alive. */
    public int keepAlives() {
        return keepAlives.get();
    }

    /** Messages carrying {@code "flush": true}. */
    public int flushes() {
        return flushes.get();
    }

    /** Contexts closed by {@code close_context}. */
    public int contextsClosed() {
        return contextsClosed.get();
    }

    /** Audio messages sent over WebSockets. */
    public int audioMessages() {
        return audioMessages.get();
    }

    /** WebSockets closed because the client fell silent for longer than the inactivity timeout. */
    public int inactivityCloses() {
        return inactivityCloses.get();
    }

    /** Query parameters of the last accepted WebSocket handshake. */
    public Map<String, String> lastQuery() {
        return lastQuery.get();
    }

    /** The JSON of the last message that created a context (it carries voice settings). */
    public Optional<String> lastContextInit() {
        return Optional.ofNullable(lastContextInit.get());
    }

    /** The JSON body of the last HTTP stream request. */
    public Optional<String> lastHttpBody() {
        return Optional.ofNullable(lastHttpBody.get());
    }

    void connected(Map<String, String> query) {
        connections.incrementAndGet();
        openSockets.incrementAndGet();
        lastQuery.set(Map.copyOf(query));
    }

    void socketClosed() {
        openSockets.decrementAndGet();
    }

    void httpStream(String body) {
        httpStreams.incrementAndGet();
        lastHttpBody.set(body);
    }

    void refusal() {
        refused.incrementAndGet();
    }

    void keepAlive() {
        keepAlives.incrementAndGet();
    }

    void flush() {
        flushes.incrementAndGet();
    }

    void contextClosed() {
        contextsClosed.incrementAndGet();
    }

    void audioMessage() {
        audioMessages.incrementAndGet();
    }

    void inactivityClose() {
        inactivityCloses.incrementAndGet();
    }

    void contextInit(String json) {
        lastContextInit.set(json);
    }
}
