package dev.sparring.media.providers.openai.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link RealtimeModel} whose one connection records what the pipeline sent; the test plays the server. */
final class FakeRealtime implements RealtimeModel, RealtimeConnection {
    record Truncate(String itemId, int contentIndex, long audioEndMs) {}

    final RealtimeConfig config = RealtimeConfig.defaults("k");
    final List<String> sent = new ArrayList<>();
    final List<Optional<String>> responses = new ArrayList<>();
    final List<Truncate> truncates = new ArrayList<>();
    final List<String> systemMessages = new ArrayList<>();
    int appendedBytes;
    int appends;
    int cancels;
    boolean closed;
    SessionSetup setup;
    RealtimeListener listener;

    @Override
    public RealtimeConnection open(SessionSetup sessionSetup, RealtimeListener sessionListener) {
        this.setup = sessionSetup;
        this.listener = sessionListener;
        return this;
    }

    @Override
    public RealtimeConfig config() {
        return config;
    }

    @Override
    public void appendAudio(byte[] audio) {
        appendedBytes += audio.length;
        appends++;
    }

    @Override
    public void addSystemMessage(String text) {
        sent.add("system:" + text);
        systemMessages.add(text);
    }

    @Override
    public void addUserMessage(String text) {
        sent.add("user:" + text);
    }

    @Override
    public void addAssistantMessage(String text) {
        sent.add("assistant:" + text);
    }

    @Override
    public void createResponse(Optional<String> instructions) {
        sent.add("response.create");
        responses.add(instructions);
    }

    @Override
    public void cancelResponse() {
        sent.add("response.cancel");
        cancels++;
    }

    @Override
    public void truncate(String itemId, int contentIndex, long audioEndMs) {
        sent.add("truncate");
        truncates.add(new Truncate(itemId, contentIndex, audioEndMs));
    }

    @Override
    public void close() {
        closed = true;
    }
}
