package dev.sparring.loadtest.simulators.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one multi-stream-input WebSocket
 * (https://elevenlabs.io/docs/api-reference/text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input):
 * contexts keyed by {@code context_id}, text buffered per context and generated on {@code flush} or
 * when the buffer passes the next {@code chunk_length_schedule} threshold, audio messages
 * ({@code audio}, {@code alignment}, {@code normalizedAlignment}, {@code contextId}) then
 * {@code isFinal} after a flushed generation, {@code close_context}, {@code close_socket}, empty-text
 * keep-alives and the inactivity timeout.
 *
 * <p>Owns its contexts; every field is touched only on the connection's event loop (rendered audio
 * re-enters it from the synthesis thread through {@code execute}).
 */
final class MultiStreamHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** The documented default {@code chunk_length_schedule}. */
    private static final int[] DEFAULT_SCHEDULE = {120, 160, 250, 290};
    private static final String DEFAULT_CONTEXT = "default";

    private final ElevenLabsSimulatorConfig config;
    private final ElevenLabsFaults faults;
    private final SimulatorStats stats;
    private final SpeechRenderer renderer;
    private final SimulatedFormat format;
    private final Duration inactivityTimeout;
    private final ObjectMapper json;
    private final Map<String, SimContext> contexts = new HashMap<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> inactivity;
    private int sentChunks;

    MultiStreamHandler(ElevenLabsSimulatorConfig config, ElevenLabsFaults faults, SimulatorStats stats,
                       SpeechRenderer renderer, SimulatedFormat format, Duration inactivityTimeout, ObjectMapper json) {
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.renderer = renderer;
        this.format = format;
        this.inactivityTimeout = inactivityTimeout;
        this.json = json;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        resetInactivity();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inactivity != null) {
            inactivity.cancel(false);
        }
        contexts.values().forEach(c -> c.closed = true);
        contexts.clear();
        stats.socketClosed();
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case TextWebSocketFrame text -> onText(text.text());
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case CloseWebSocketFrame close ->
                    ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            default -> sendError(null, "invalid_message", "binary frames are not accepted; send JSON text");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void onText(String text) {
        resetInactivity();
        JsonNode msg;
        try {
            msg = json.readTree(text);
        } catch (IOException e) {
            sendError(null, "invalid_message", "message is not valid JSON");
            return;
        }
        if (!msg.isObject()) {
            sendError(null, "invalid_message", "message must be a JSON object");
            return;
        }
        if (msg.path("close_socket").asBoolean(false)) {
            contexts.values().forEach(c -> c.closed = true);
            contexts.clear();
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "close_socket")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String id = msg.path("context_id").asText(DEFAULT_CONTEXT);
        if (msg.path("close_context").asBoolean(false)) {
            SimContext closed = contexts.remove(id);
            if (closed != null) {
                closed.closed = true;
                stats.contextClosed();
            }
            return;
        }
        boolean flush = msg.path("flush").asBoolean(false);
        JsonNode textNode = msg.get("text");
        String chunk = textNode == null || textNode.isNull() ? "" : textNode.asText();
        SimContext c = contexts.get(id);
        if (c == null) {
            if (chunk.isEmpty() && !flush) {
                stats.keepAlive();
                return;
            }
            if (contexts.size() >= config.maxContexts()) {
                sendError(id, "max_active_contexts_exceeded",
                        "at most " + config.maxContexts() + " contexts may be open on one connection");
                return;
            }
            c = new SimContext(id, schedule(msg.path("generation_config").path("chunk_length_schedule")));
            contexts.put(id, c);
            stats.contextInit(text);
        } else if (chunk.isEmpty() && !flush) {
            stats.keepAlive();
            return;
        }
        c.buffer.append(chunk);
        if (flush) {
            stats.flush();
            generate(c, c.buffer.toString(), true);
            c.buffer.setLength(0);
        } else {
            generateBySchedule(c);
        }
    }

    private static int[] schedule(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return DEFAULT_SCHEDULE;
        }
        int[] schedule = new int[node.size()];
        for (int i = 0; i < schedule.length; i++) {
            schedule[i] = Math.max(1, node.get(i).asInt(DEFAULT_SCHEDULE[Math.min(i, DEFAULT_SCHEDULE.length - 1)]));
        }
        return schedule;
    }

    /** Generates buffered text once it passes the next schedule threshold, cut at the last space. */
    private void generateBySchedule(SimContext c) {
        while (true) {
            int threshold = c.schedule[Math.min(c.scheduleIndex, c.schedule.length - 1)];
            String buffered = c.buffer.toString();
            if (buffered.strip().length() < threshold) {
                return;
            }
            int cut = buffered.lastIndexOf(' ');
            if (cut <= 0) {
                return;
            }
            generate(c, buffered.substring(0, cut), false);
            c.buffer.delete(0, cut);
            c.scheduleIndex++;
        }
    }

    private void generate(SimContext c, String text, boolean fin) {
        Generation g = new Generation(text.strip(), fin, System.nanoTime());
        c.queue.add(g);
        if (g.text.isEmpty()) {
            pump(c);
            return;
        }
        renderer.render(g.text, format).whenComplete((speech, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                sendError(c.id, "synthesis_failed", "speech synthesis failed: " + failure.getMessage());
                c.closed = true;
                contexts.remove(c.id, c);
                return;
            }
            g.speech = speech;
            pump(c);
        }));
    }

    private void pump(SimContext c) {
        if (c.closed || c.busy) {
            return;
        }
        Generation g = c.queue.peek();
        if (g == null || !g.ready()) {
            return;
        }
        long waitNanos = 0;
        if (!g.started) {
            g.started = true;
            long latency = config.firstAudioLatency().plus(faults.extraFirstAudioDelay()).toNanos();
            waitNanos = latency - (System.nanoTime() - g.flushedAtNanos);
        }
        c.busy = true;
        later(waitNanos, () -> step(c, g));
    }

    private void step(SimContext c, Generation g) {
        c.busy = false;
        if (c.closed || !ctx.channel().isActive()) {
            return;
        }
        if (g.hasMore()) {
            sendAudio(c, g);
            if (ctx.channel().isActive()) {
                c.busy = true;
                later(config.chunkInterval().toNanos(), () -> step(c, g));
            }
            return;
        }
        c.queue.poll();
        if (g.fin) {
            ObjectNode fin = json.createObjectNode();
            fin.put("isFinal", true);
            fin.put("contextId", c.id);
            write(fin);
        }
        pump(c);
    }

    private void sendAudio(SimContext c, Generation g) {
        byte[] audio = g.speech.audio();
        int chunkBytes = format.bytesFor(config.chunkMs());
        int end = audio.length - g.offset <= chunkBytes * 3 / 2 ? audio.length : g.offset + chunkBytes;
        double fromMs = format.millisOf(g.offset);
        double toMs = end == audio.length ? Double.MAX_VALUE : format.millisOf(end);
        RenderedSpeech.Alignment alignment = g.speech.alignmentBetween(fromMs, toMs);
        ObjectNode msg = json.createObjectNode();
        msg.put("audio", Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, g.offset, end)));
        if (alignment.isEmpty()) {
            msg.putNull("alignment");
            msg.putNull("normalizedAlignment");
        } else {
            msg.set("alignment", json.valueToTree(alignment));
            msg.set("normalizedAlignment", json.valueToTree(alignment));
        }
        msg.put("contextId", c.id);
        g.offset = end;
        write(msg);
        stats.audioMessage();
        sentChunks++;
        if (faults.takeMalformed(sentChunks)) {
            ctx.writeAndFlush(new TextWebSocketFrame("{\"audio\": \"" + c.id));
        }
        if (faults.takeDrop(sentChunks)) {
            // A cut connection: no close frame, the TCP connection just ends.
            ctx.channel().close();
        }
    }

    private void sendError(String contextId, String error, String message) {
        ObjectNode msg = json.createObjectNode();
        msg.put("message", message);
        msg.put("error", error);
        msg.put("code", 1008);
        if (contextId != null) {
            msg.put("contextId", contextId);
        }
        write(msg);
    }

    private void write(ObjectNode msg) {
        ctx.writeAndFlush(new TextWebSocketFrame(msg.toString()));
    }

    private void later(long nanos, Runnable task) {
        if (nanos <= 0) {
            ctx.executor().execute(task);
        } else {
            ctx.executor().schedule(task, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void resetInactivity() {
        if (inactivity != null) {
            inactivity.cancel(false);
        }
        inactivity = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                stats.inactivityClose();
                ctx.writeAndFlush(new CloseWebSocketFrame(1008,
                        "Have not received new text for " + inactivityTimeout.toSeconds() + " seconds"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }, inactivityTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One context's text buffer and generations; event-loop confined. */
    private static final class SimContext {
        final String id;
        final int[] schedule;
        final StringBuilder buffer = new StringBuilder();
        final ArrayDeque<Generation> queue = new ArrayDeque<>();
        int scheduleIndex;
        boolean busy;
        boolean closed;

        SimContext(String id, int[] schedule) {
            this.id = id;
            this.schedule = schedule;
        }
    }

    /** A piece of text being spoken; {@code speech} arrives from the synthesis thread via the event loop. */
    private static final class Generation {
        final String text;
        final boolean fin;
        final long flushedAtNanos;
        RenderedSpeech speech;
        int offset;
        boolean started;

        Generation(String text, boolean fin, long flushedAtNanos) {
            this.text = text;
            this.fin = fin;
            this.flushedAtNanos = flushedAtNanos;
        }

        boolean ready() {
            return text.isEmpty() || speech != null;
        }

        boolean hasMore() {
            return speech != null && offset < speech.audio().length;
        }
    }
}
