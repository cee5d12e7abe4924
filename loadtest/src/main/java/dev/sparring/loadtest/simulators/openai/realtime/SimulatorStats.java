package dev.sparring.loadtest.simulators.openai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@link RealtimeSimulator} saw, for tests and load reports: upgrade statuses, the last
 * {@code session.update}, every {@code conversation.item.truncate} (with the exact
 * {@code audio_end_ms} received), cancels, items, responses and the audio appended. Thread-safe.
 */
public final class SimulatorStats {

    /** A {@code conversation.item.truncate} as received. */
    public record Truncation(String itemId, int contentIndex, long audioEndMs) {}

    private final List<Integer> upgradeStatuses = new ArrayList<>();
    private final List<Truncation> truncations = new ArrayList<>();
    private final List<JsonNode> itemsCreated = new ArrayList<>();
    private final List<JsonNode> responseRequests = new ArrayList<>();
    private volatile JsonNode lastSessionUpdate;
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final AtomicInteger appendMessages = new AtomicInteger();
    private final AtomicInteger responsesCompleted = new AtomicInteger();

    synchronized void upgrade(int status) {
        upgradeStatuses.add(status);
    }

    void sessionUpdate(JsonNode session) {
        lastSessionUpdate = session;
    }

    synchronized void truncated(Truncation truncation) {
        truncations.add(truncation);
    }

    synchronized void itemCreated(JsonNode item) {
        itemsCreated.add(item);
    }

    synchronized void responseRequested(JsonNode event) {
        responseRequests.add(event);
    }

    void cancelled() {
        cancels.incrementAndGet();
    }

    void appended(int bytes) {
        appendedBytes.addAndGet(bytes);
        appendMessages.incrementAndGet();
    }

    void completed() {
        responsesCompleted.incrementAndGet();
    }

    /** @return the HTTP status of every upgrade request, in order (101 for accepted) */
    public synchronized List<Integer> upgradeStatuses() {
        return List.copyOf(upgradeStatuses);
    }

    /** @return the {@code session} object of the last {@code session.update} received */
    public Optional<JsonNode> lastSessionUpdate() {
        return Optional.ofNullable(lastSessionUpdate);
    }

    /** @return every truncate received, in order */
    public synchronized List<Truncation> truncations() {
        return List.copyOf(truncations);
    }

    /** @return the {@code item} of every {@code conversation.item.create}, in order */
    public synchronized List<JsonNode> itemsCreated() {
        return List.copyOf(itemsCreated);
    }

    /** @return every {@code response.create} event, in order */
    public synchronized List<JsonNode> responseRequests() {
        return List.copyOf(responseRequests);
    }

    /** @return {@code response.cancel} events received */
    public int cancels() {
        return cancels.get();
    }

    /** @return decoded audio bytes received by {@code input_audio_buffer.append} */
    public long appendedBytes() {
        return appendedBytes.get();
    }

    /** @return {@code input_audio_buffer.append} messages received */
    public int appendMessages() {
        return appendMessages.get();
    }

    /** @return responses that ran to completion */
    public int responsesCompleted() {
        return responsesCompleted.get();
    }
}
