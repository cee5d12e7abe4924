package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.ProviderException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects what a session reports (callbacks come on its event loop; read from the test thread). */
final class RecordingListener implements RealtimeListener {
    final ConcurrentLinkedQueue<RealtimeEvent> events = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<ProviderException> errors = new ConcurrentLinkedQueue<>();
    final AtomicInteger reconnects = new AtomicInteger();

    @Override
    public void onEvent(RealtimeEvent event) {
        events.add(event);
    }

    @Override
    public void onError(ProviderException error) {
        errors.add(error);
    }

    @Override
    public void onReconnected() {
        reconnects.incrementAndGet();
    }

    <T extends RealtimeEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> errorKinds() {
        return errors.stream().map(ProviderException::kind).toList();
    }
}
