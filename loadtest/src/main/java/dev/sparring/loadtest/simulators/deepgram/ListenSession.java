package dev.sparring.loadtest.simulators.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted {@code /v1/listen} connection: decodes the caller's audio, segments it into speech,
 * answers each segment with the call script's next line (interim Results while speech runs, a final
 * with {@code is_final} and {@code speech_final} a configurable latency after the segment ends, then
 * UtteranceEnd), and honours KeepAlive, Finalize and CloseStream.
 *
 * <p>Owns the connection's decoder, segmenter and timers; every method runs on the channel's event
 * loop. The faults it injects were fixed when the connection was accepted.
 */
final class ListenSession extends SimpleChannelInboundHandler<WebSocketFrame> implements SpeechSegmenter.Events {
    private static final Logger log = LoggerFactory.getLogger(ListenSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How soon after a Finalize cut renewed speech still counts as the cut line's rest. */
    private static final double CONTINUATION_SECONDS = 0.6;
    /**
     * A Finalize this soon after the last loud frame cut speech still going on: longer than the
     * pauses inside a line (FreeTTS: up to ~420 ms), shorter than the server's end-of-turn silence
     * (600 ms), after which its Finalize comes.
     */
    private static final double VOICED_AT_CUT_SECONDS = 0.45;

    /**
     * A segment whose final is waiting for the configured latency. Its script line is taken only
     * when the final is sent, so a connection dropped before that consumes no line.
     */
    private record PendingFinal(boolean shortSegment, double start, double end, double detectedAt) {}

    private final DeepgramSimulatorConfig config;
    private final ListenRequest request;
    private final ListenMessages messages;
    private final ScriptBook.Cursor cursor;
    /** Speech starting before this (seconds of received audio) continues a line cut by Finalize. */
    private double continuationUntil = -1;
    private final Runnable releaseCursor;
    private final SimulatorStats stats;
    private final int dropAfterMessages;
    private final int malformedAtMessage;
    private final AudioDecoder decoder;
    private final SpeechSegmenter segmenter;

    private ChannelHandlerContext ctx;
    private int sent;
    private double lastFinalEnd;
    private double nextInterimAt;
    private int shownWords;
    private boolean flushing;
    private Optional<PendingFinal> pending = Optional.empty();
    private ScheduledFuture<?> pendingTimer;
    private ScheduledFuture<?> inactivityCheck;
    private long lastActivityNanos = System.nanoTime();
    private boolean closing;

    ListenSession(DeepgramSimulatorConfig config, ListenRequest request, ListenMessages messages,
                  ScriptBook.Cursor cursor, Runnable releaseCursor, SimulatorStats stats,
                  int dropAfterMessages, int malformedAtMessage) {
        this.config = config;
        this.request = request;
        this.messages = messages;
        this.cursor = cursor;
        this.releaseCursor = releaseCursor;
        this.stats = stats;
        this.dropAfterMessages = dropAfterMessages;
        this.malformedAtMessage = malformedAtMessage;
        this.decoder = new AudioDecoder(request.encoding(), request.sampleRate());
        this.segmenter = new SpeechSegmenter(
                Math.max(request.endpointing(), (int) config.minSegmentSilence().toMillis()), this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        long periodNanos = Math.max(1, config.inactivityTimeout().toNanos() / 4);
        inactivityCheck = context.executor().scheduleAtFixedRate(this::checkInactivity, periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        cancelTimers();
        context.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
        switch (frame) {
            case BinaryWebSocketFrame binary -> onAudio(ByteBufUtil.getBytes(binary.content()));
            case TextWebSocketFrame text -> onControl(text.text());
            case PingWebSocketFrame ping -> context.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case CloseWebSocketFrame close -> context.writeAndFlush(new CloseWebSocketFrame(1000, ""))
                    .addListener(f -> context.close());
            default -> { }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("deepgram simulator connection failed", cause);
        context.close();
    }

    private void onAudio(byte[] audio) {
        if (closing) {
            return;
        }
        lastActivityNanos = System.nanoTime();
        stats.audio(audio.length);
        segmenter.accept(decoder.decode(audio));
    }

    private void onControl(String text) {
        String type;
        try {
            JsonNode node = JSON.readTree(text);
            type = node.path("type").asText("");
        } catch (IOException e) {
            // Deepgram answers an unparseable control message by closing with a DATA error.
            ctx.writeAndFlush(new CloseWebSocketFrame(1008, "DATA-0000: invalid control message"))
                    .addListener(f -> ctx.close());
            return;
        }
        stats.control(type);
        lastActivityNanos = System.nanoTime();
        switch (type) {
            case "KeepAlive" -> { }
            case "Finalize" -> flush(false);
            case "CloseStream" -> {
                flush(true);
                closing = true;
                send(messages.metadata(decoder.receivedSeconds()));
                releaseCursor.run();
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
            }
            default -> log.debug("deepgram simulator ignores control message type '{}'", type);
        }
    }

    /** Finalize / CloseStream: whatever is pending or still being spoken becomes final now. */
    private void flush(boolean speechFinal) {
        boolean any = pending.isPresent();
        pending.ifPresent(p -> sendFinal(p, true, true));
        flushing = true;
        // Only a cut while the caller is audible (a barge-in) leaves a line's rest to come; a
        // Finalize in the silence after speech (the server's end of turn) leaves none, and the
        // next speech is the script's next line however soon it starts.
        boolean cutMidSpeech = segmenter.voicedWithin(VOICED_AT_CUT_SECONDS);
        try {
            any |= segmenter.cut();
        } finally {
            flushing = false;
        }
        pending.ifPresent(p -> sendFinal(p, true, speechFinal));
        if (cutMidSpeech) {
            // The caller may still be speaking (Finalize on a barge-in): the line was answered
            // whole just now, so speech that goes on right after the cut is the same line's rest and
            // must not take the next line, as Deepgram's next results would hold its last words.
            continuationUntil = decoder.receivedSeconds() + CONTINUATION_SECONDS;
        }
        if (!any) {
            double now = decoder.receivedSeconds();
            send(messages.results(lastFinalEnd, Math.max(0, now - lastFinalEnd), true, speechFinal, true, "", now, now));
            lastFinalEnd = Math.max(lastFinalEnd, now);
        }
    }

    @Override
    public void speechStarted(double start) {
        nextInterimAt = start + config.interimInterval().toMillis() / 1000.0;
        shownWords = 0;
        if (request.vadEvents()) {
            send(messages.speechStarted(start));
        }
    }

    @Override
    public void speaking(double start, double now) {
        if (!request.interimResults() || now < nextInterimAt || start <= continuationUntil) {
            return;
        }
        nextInterimAt += config.interimInterval().toMillis() / 1000.0;
        boolean shortSoFar = (now - start) * 1000 <= config.backchannelMax().toMillis();
        String line = cursor.peek(shortSoFar).orElse("");
        String[] words = line.isBlank() ? new String[0] : line.strip().split("\\s+");
        int shown = Math.min(words.length, (int) Math.ceil((now - start) * 1000 / config.wordDuration().toMillis()));
        if (shown == shownWords) {
            return;
        }
        shownWords = shown;
        String text = String.join(" ", Arrays.copyOf(words, shown));
        send(messages.results(lastFinalEnd, now - lastFinalEnd, false, false, false, text, start, now));
    }

    @Override
    public void segmentEnded(double start, double end, double detectedAt) {
        boolean shortSegment = (end - start) * 1000 <= config.backchannelMax().toMillis();
        PendingFinal segment = new PendingFinal(shortSegment, start, end, detectedAt);
        pending.ifPresent(earlier -> sendFinal(earlier, false, true));
        pending = Optional.of(segment);
        if (flushing) {
            return;
        }
        long delay = config.finalLatency().toNanos();
        pendingTimer = ctx.executor().schedule(() -> pending.ifPresent(p -> {
            if (p == segment) {
                sendFinal(p, false, true);
            }
        }), delay, TimeUnit.NANOSECONDS);
    }

    private void sendFinal(PendingFinal p, boolean fromFinalize, boolean speechFinal) {
        pending = Optional.empty();
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean continuation = p.start() <= continuationUntil;
        continuationUntil = -1;
        String text = continuation ? "" : cursor.take(p.shortSegment()).orElse("");
        if (pendingTimer != null) {
            pendingTimer.cancel(false);
            pendingTimer = null;
        }
        double start = Math.min(lastFinalEnd, p.start());
        send(messages.results(start, p.detectedAt() - start, true, speechFinal, fromFinalize, text, p.start(),
                p.end()));
        lastFinalEnd = Math.max(lastFinalEnd, p.detectedAt());
        // Deepgram sends UtteranceEnd after a gap in the words; a Finalize that cut speech still
        // going on (a barge-in) is no such gap, and an UtteranceEnd there ends the caller's turn
        // while the caller is still talking.
        if (speechFinal && request.utteranceEndMs().isPresent() && request.interimResults() && !text.isEmpty()) {
            send(messages.utteranceEnd(p.end()));
        }
    }

    private void send(String message) {
        if (!ctx.channel().isActive()) {
            return;
        }
        sent++;
        if (sent == malformedAtMessage) {
            ctx.write(new TextWebSocketFrame("{\"type\":\"Results\",\"channel\":{\"alternatives\":[{\"transcr"));
        }
        stats.message();
        ctx.writeAndFlush(new TextWebSocketFrame(message));
        if (dropAfterMessages > 0 && sent >= dropAfterMessages) {
            // An abrupt drop: no close frame, the TCP connection just ends.
            stats.dropped();
            cancelTimers();
            ctx.channel().close();
        }
    }

    EventExecutor executor() {
        return ctx.executor();
    }

    /** Cuts the connection without a close frame (the drop knob). */
    void drop() {
        if (ctx.channel().isActive()) {
            stats.dropped();
            cancelTimers();
            ctx.channel().close();
        }
    }

    private void checkInactivity() {
        if (System.nanoTime() - lastActivityNanos >= config.inactivityTimeout().toNanos() && ctx.channel().isActive()) {
            cancelTimers();
            ctx.writeAndFlush(new CloseWebSocketFrame(1011,
                    "NET-0001: no audio or KeepAlive received within the timeout")).addListener(f -> ctx.close());
        }
    }

    private void cancelTimers() {
        if (inactivityCheck != null) {
            inactivityCheck.cancel(false);
        }
        if (pendingTimer != null) {
            pendingTimer.cancel(false);
        }
    }
}
