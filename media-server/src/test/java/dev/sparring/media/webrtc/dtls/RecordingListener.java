package dev.sparring.media.webrtc.dtls;

import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records a session's callbacks in order and exposes each outcome as a future. */
final class RecordingListener implements DtlsListener {
    final CompletableFuture<SrtpKeyMaterial> established = new CompletableFuture<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final List<String> events = new ArrayList<>();

    @Override
    public void onEstablished(SrtpKeyMaterial keys) {
        record("established");
        established.complete(keys);
    }

    @Override
    public void onFailed(String reason) {
        record("failed: " + reason);
        failed.complete(reason);
    }

    @Override
    public void onClosed() {
        record("closed");
        closed.complete(null);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    private synchronized void record(String event) {
        events.add(event);
    }
}
