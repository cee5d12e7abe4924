package dev.sparring.controlplane.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One open {@code text/event-stream} response. Jetty allows one pending write per response, so
 * writes are queued and chained: each completed write starts the next. Every event is sent once
 * (its sequence number is remembered), whatever order history and live pushes reach it in.
 * Thread-safe: publishers, the keep-alive timer and Jetty's write completions all call in; state is
 * guarded by {@code this}. Completes the request's callback when the stream ends.
 */
final class SseStream {
    private final Response response;
    private final Callback requestCallback;
    private final Runnable onClose;
    private final Deque<String> queue = new ArrayDeque<>();
    private final BitSet sent = new BitSet();
    private boolean writing;
    private boolean closed;

    SseStream(Response response, Callback requestCallback, Runnable onClose) {
        this.response = response;
        this.requestCallback = requestCallback;
        this.onClose = onClose;
    }

    void send(LiveEvent event, String json) {
        synchronized (this) {
            if (closed || event.seq() > Integer.MAX_VALUE || sent.get((int) event.seq())) {
                return;
            }
            sent.set((int) event.seq());
            queue.add("id: " + event.seq() + "\nevent: " + event.type() + "\ndata: " + json + "\n\n");
        }
        pump();
    }

    void comment(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.add(": " + text + "\n\n");
        }
        pump();
    }

    boolean closed() {
        synchronized (this) {
            return closed;
        }
    }

    void close() {
        boolean finish;
        synchronized (this) {
            finish = !closed;
            closed = true;
            queue.clear();
        }
        if (finish) {
            onClose.run();
            response.write(true, ByteBuffer.allocate(0), requestCallback);
        }
    }

    private void pump() {
        String next;
        synchronized (this) {
            if (writing || closed || queue.isEmpty()) {
                return;
            }
            writing = true;
            StringBuilder batch = new StringBuilder();
            while (!queue.isEmpty()) {
                batch.append(queue.poll());
            }
            next = batch.toString();
        }
        response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)), new Callback() {
            @Override
            public void succeeded() {
                synchronized (SseStream.this) {
                    writing = false;
                }
                pump();
            }

            @Override
            public void failed(Throwable x) {
                // The client went away: end the stream quietly.
                synchronized (SseStream.this) {
                    writing = false;
                    closed = true;
                    queue.clear();
                }
                onClose.run();
                requestCallback.failed(x);
            }
        });
    }
}
