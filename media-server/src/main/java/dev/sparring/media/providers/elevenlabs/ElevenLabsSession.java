package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.TextToSpeech;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's ElevenLabs speech: one multi-stream-input WebSocket, one {@code context_id} per bot turn.
 * Cancelling a turn closes its context, not the socket. The socket is opened on first use, kept
 * alive while idle, and re-opened after a drop; a turn that had no audio yet when the socket dropped
 * is replayed on the new socket, one cut mid-audio fails with a retryable {@code connection} error.
 *
 * <p><b>Threading.</b> Pinned to one event loop of the shared group: the socket, its handlers and all
 * of this session's state live there, so audio messages reach listeners without a thread hand-off.
 * Public methods may be called from any thread; each hands one task to the loop. Listener methods run
 * on the loop and must not block. {@link #close()} ends the socket; the session is not reusable.
 */
public final class ElevenLabsSession implements TextToSpeech, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ElevenLabsSession.class);
    static final String PROVIDER = "elevenlabs";

    private enum State { IDLE, CONNECTING, OPEN, CLOSED }

    private final ElevenLabsConfig config;
    private final NettyTransport transport;
    private final ElevenLabsMetrics metrics;
    private final EventLoop loop;
    private final String sessionId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Turn> active = new LinkedHashMap<>();
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>();
    private State state = State.IDLE;
    private Connection connection;
    private String connectedVoice;
    private int failedConnects;
    private int turnCount;
    private String lastContextId;
    private long lastSentNanos;
    private ScheduledFuture<?> keepAlive;

    ElevenLabsSession(ElevenLabsConfig config, NettyTransport transport, ElevenLabsMetrics metrics) {
        this.config = config;
        this.transport = transport;
        this.metrics = metrics;
        this.loop = transport.group().next();
    }

    @Override
    public AudioEncoding outputEncoding() {
        return config.outputFormat().encoding();
    }

    /** Speaks {@code text} as one whole turn (one context, flushed at once). */
    @Override
    public Synthesis synthesize(String text, String voice, Listener listener) {
        TurnStream turn = startTurn(voice, listener);
        turn.append(text);
        turn.finish();
        return turn;
    }

    /**
     * Opens a turn whose text streams in with {@link TurnStream#append} and ends with
     * {@link TurnStream#finish}. If {@code listener} is an {@link AlignmentListener} (or the
     * pipeline's {@link TextToSpeech.TimedListener}) it also gets word timings.
     */
    public TurnStream startTurn(String voice, Listener listener) {
        Turn turn = new Turn(config.resolveVoice(voice), listener);
        loop.execute(() -> enqueue(turn));
        return turn;
    }

    /** Ends the socket ({@code close_socket}); turns in flight get no further callbacks. */
    @Override
    public void close() {
        loop.execute(() -> {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            active.values().forEach(Turn::stopTimers);
            waiting.forEach(t -> t.done = true);
            active.values().forEach(t -> t.done = true);
            active.clear();
            waiting.clear();
            stopKeepAlive();
            if (connection != null && connection.channel.isActive()) {
                connection.channel.writeAndFlush(new TextWebSocketFrame(ElevenLabsMessages.closeSocket()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            connection = null;
        });
    }

    // ---- everything below runs on the loop ----

    private void enqueue(Turn turn) {
        if (state == State.CLOSED) {
            turn.done = true;
            turn.listener.onError(new ProviderException(PROVIDER, "closed", "the TTS session is closed", false));
            return;
        }
        turn.id = sessionId + "-" + (++turnCount);
        turn.startedNanos = System.nanoTime();
        waiting.add(turn);
        drain();
    }

    private void drain() {
        Turn head = waiting.peek();
        if (head == null || state == State.CLOSED || state == State.CONNECTING) {
            return;
        }
        if (state == State.IDLE) {
            connect(head.voice);
            return;
        }
        if (!head.voice.equals(connectedVoice)) {
            // The voice is part of the URL: switch sockets once the other voice's turns are done.
            if (active.isEmpty()) {
                Connection old = connection;
                connection = null;
                state = State.IDLE;
                stopKeepAlive();
                old.retired = true;
                old.channel.close();
                connect(head.voice);
            }
            return;
        }
        while (!waiting.isEmpty() && active.size() < config.maxContexts() && waiting.peek().voice.equals(connectedVoice)) {
            Turn t = waiting.poll();
            active.put(t.id, t);
            send(ElevenLabsMessages.initContext(t.id, config.voiceSettings(), config.chunkLengthSchedule()));
            t.opened = true;
            lastContextId = t.id;
            sendPending(t);
        }
    }

    private void sendPending(Turn t) {
        while (!t.pending.isEmpty()) {
            String text = t.pending.poll();
            boolean last = t.pending.isEmpty() && t.finishRequested;
            send(ElevenLabsMessages.text(t.id, text, last));
            t.sent.add(text);
            if (last) {
                flushed(t);
            }
        }
        if (t.finishRequested && !t.flushed) {
            send(ElevenLabsMessages.text(t.id, "", true));
            flushed(t);
        }
    }

    private void flushed(Turn t) {
        t.flushed = true;
        if (t.audioBytes == 0) {
            t.firstAudioTimer = loop.schedule(() -> fail(t, "timeout",
                    "no audio " + config.firstAudioTimeout().toMillis() + " ms after the flush", true, true),
                    config.firstAudioTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void send(String json) {
        lastSentNanos = System.nanoTime();
        connection.channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    private void connect(String voice) {
        state = State.CONNECTING;
        connectedVoice = voice;
        Connection conn = new Connection();
        connection = conn;
        URI uri = webSocketUri(voice);
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("xi-api-key", config.apiKey());
        WebSocketClientProtocolConfig wsConfig = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(headers)
                .handshakeTimeoutMillis(config.connectTimeout().toMillis())
                .maxFramePayloadLength(1 << 20)
                // Netty's byte-by-byte UTF-8 check cost more than parsing these frames (mostly base64
                // audio); the JSON decoder refuses what is not a valid message anyway.
                .withUTF8Validator(false)
                .build();
        conn.channel = transport.bootstrap(loop, config).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                transport.ssl().ifPresent(ssl -> ch.pipeline().addLast(
                        ssl.newHandler(ch.alloc(), config.baseUrl().getHost(), config.port())));
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(wsConfig), new WebSocketFrameAggregator(1 << 20),
                        new SocketHandler(conn));
            }
        }).connect(config.baseUrl().getHost(), config.port()).addListener(f -> {
            if (!f.isSuccess()) {
                conn.failure = f.cause();
                lost(conn);
            }
        }).channel();
    }

    private URI webSocketUri(String voice) {
        URI base = config.baseUrl();
        String scheme = config.secure() ? "wss" : "ws";
        String query = "model_id=" + enc(config.modelId()) + "&output_format=" + config.outputFormat().wireName()
                + "&inactivity_timeout=" + config.inactivityTimeout().toSeconds() + "&sync_alignment=true";
        return URI.create(scheme + "://" + base.getHost() + ":" + config.port()
                + "/v1/text-to-speech/" + enc(voice) + "/multi-stream-input?" + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void opened(Connection conn) {
        if (conn != connection || state != State.CONNECTING) {
            conn.channel.close();
            return;
        }
        conn.open = true;
        state = State.OPEN;
        failedConnects = 0;
        lastSentNanos = System.nanoTime();
        long interval = config.keepAliveInterval().toNanos();
        keepAlive = loop.scheduleAtFixedRate(this::keepAlive, interval / 2, interval / 2, TimeUnit.NANOSECONDS);
        drain();
    }

    private void keepAlive() {
        if (state == State.OPEN && System.nanoTime() - lastSentNanos >= config.keepAliveInterval().toNanos()) {
            send(ElevenLabsMessages.keepAlive(lastContextId != null ? lastContextId : sessionId + "-0"));
        }
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
    }

    private void onMessage(Connection conn, String text) {
        if (conn != connection) {
            return;
        }
        switch (ElevenLabsMessages.decode(text)) {
            case ServerMessage.Output out -> onOutput(out);
            case ServerMessage.ServerError err -> {
                log.warn("elevenlabs session {} server error {}: {}", sessionId, err.error(), err.message());
                String kind = err.error().contains("api_key") || err.error().contains("auth") ? "auth" : "server";
                boolean retryable = !kind.equals("auth");
                Optional<Turn> target = err.contextId().map(active::get);
                if (target.isPresent()) {
                    fail(target.get(), kind, err.error() + ": " + err.message(), retryable, true);
                } else {
                    new ArrayList<>(active.values()).forEach(t -> fail(t, kind, err.error() + ": " + err.message(), retryable, true));
                }
            }
            case ServerMessage.Malformed bad -> {
                log.warn("elevenlabs session {} malformed message: {}", sessionId, bad.reason());
                // The stream can no longer be trusted for the turns in flight; the socket stays for later turns.
                new ArrayList<>(active.values()).forEach(t -> fail(t, "protocol", "malformed message: " + bad.reason(), true, true));
            }
        }
    }

    private void onOutput(ServerMessage.Output out) {
        Turn t = active.get(out.contextId());
        if (t == null || t.done) {
            return; // late audio of a cancelled or finished turn
        }
        byte[] audio = t.wholeSamples(out.audio(), outputEncoding().bytesPerSample());
        if (audio.length > 0) {
            if (t.audioBytes == 0) {
                t.stopTimers();
                metrics.firstByte(System.nanoTime() - t.startedNanos);
            }
            long offsetMs = Math.round(outputEncoding().millisOf((int) Math.min(Integer.MAX_VALUE, t.audioBytes)));
            out.alignment().ifPresent(a -> t.words(t.assembler.add(a, offsetMs)));
            t.audioBytes += audio.length;
            t.listener.onAudio(audio);
        } else {
            out.alignment().ifPresent(a -> t.words(t.assembler.add(a,
                    Math.round(outputEncoding().millisOf((int) Math.min(Integer.MAX_VALUE, t.audioBytes))))));
        }
        if (out.isFinal() && !t.done) {
            t.words(t.assembler.finish());
            t.done = true;
            t.stopTimers();
            active.remove(t.id);
            // The server is done with the context; closing it frees one of the five slots.
            send(ElevenLabsMessages.closeContext(t.id));
            metrics.duration(System.nanoTime() - t.startedNanos);
            t.listener.onComplete();
            drain();
        }
    }

    private void cancel(Turn t) {
        if (t.done) {
            return;
        }
        t.done = true;
        t.stopTimers();
        waiting.remove(t);
        if (active.remove(t.id) != null && state == State.OPEN) {
            send(ElevenLabsMessages.closeContext(t.id));
        }
        drain();
    }

    private void fail(Turn t, String kind, String message, boolean retryable, boolean closeContext) {
        if (t.done) {
            return;
        }
        t.done = true;
        t.stopTimers();
        waiting.remove(t);
        if (active.remove(t.id) != null && closeContext && state == State.OPEN) {
            send(ElevenLabsMessages.closeContext(t.id));
        }
        metrics.error(kind);
        t.listener.onError(new ProviderException(PROVIDER, kind, message, retryable));
        drain();
    }

    /** The socket ended (or never opened): classify, replay what can be replayed, reconnect if needed. */
    private void lost(Connection conn) {
        if (conn.ended) {
            return;
        }
        conn.ended = true;
        if (conn != connection || conn.retired || state == State.CLOSED) {
            return;
        }
        connection = null;
        stopKeepAlive();
        state = State.CONNECTING; // holds drain() off while the turns are sorted out
        long reconnectIn = conn.open ? droppedWhileOpen() : connectFailed(conn.failure);
        if (reconnectIn >= 0 && !waiting.isEmpty()) {
            reconnectLater(reconnectIn);
        } else {
            state = State.IDLE;
            drain();
        }
    }

    /** @return nanoseconds until a reconnect, or -1 for none */
    private long droppedWhileOpen() {
        List<Turn> replay = new ArrayList<>();
        for (Turn t : new ArrayList<>(active.values())) {
            if (t.audioBytes == 0 && t.replays < config.maxReconnects()) {
                t.replays++;
                t.resetForReplay();
                replay.add(t);
            } else {
                fail(t, "connection", "the ElevenLabs connection dropped mid-reply", true, false);
            }
        }
        active.clear();
        for (int i = replay.size() - 1; i >= 0; i--) {
            waiting.addFirst(replay.get(i));
        }
        if (!replay.isEmpty()) {
            log.info("elevenlabs session {} reconnecting after a drop; replaying {} turns", sessionId, replay.size());
        }
        return config.reconnectBackoff().toNanos();
    }

    /** @return nanoseconds until a reconnect, or -1 for none */
    private long connectFailed(Throwable cause) {
        Optional<HttpResponse> response = cause instanceof WebSocketClientHandshakeException e
                ? Optional.ofNullable(e.response()) : Optional.empty();
        int status = response.map(r -> r.status().code()).orElse(0);
        failedConnects++;
        if (status == 401 || status == 403) {
            failWaiting("auth", "ElevenLabs refused the API key (HTTP " + status + ")", false);
            return -1;
        }
        if (status == 429) {
            long retryAfter = response.map(r -> r.headers().get("Retry-After")).map(ElevenLabsSession::seconds).orElse(-1L);
            if (retryAfter >= 0 && retryAfter * 1000 <= config.maxRetryAfter().toMillis()
                    && failedConnects <= config.maxReconnects()) {
                metrics.error("rate_limited");
                return TimeUnit.SECONDS.toNanos(retryAfter);
            }
            failWaiting("rate_limited", "ElevenLabs answered 429"
                    + (retryAfter >= 0 ? ", retry after " + retryAfter + " s" : ""), true);
            return -1;
        }
        if (failedConnects <= config.maxReconnects()) {
            metrics.error("connection");
            return config.reconnectBackoff().toNanos() * failedConnects;
        }
        boolean timeout = cause instanceof ConnectTimeoutException;
        failWaiting(timeout ? "timeout" : "connection",
                "cannot connect to ElevenLabs: " + (status > 0 ? "HTTP " + status : String.valueOf(cause)), true);
        return -1;
    }

    private static long seconds(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void failWaiting(String kind, String message, boolean retryable) {
        failedConnects = 0;
        for (Turn t : new ArrayList<>(waiting)) {
            fail(t, kind, message, retryable, false);
        }
    }

    private void reconnectLater(long nanos) {
        loop.schedule(() -> {
            if (state == State.CONNECTING && connection == null) {
                state = State.IDLE;
                drain();
            }
        }, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** One attempt at a socket; events of a superseded attempt are ignored. Loop-confined. */
    private static final class Connection {
        Channel channel;
        boolean open;
        boolean ended;
        boolean retired;
        Throwable failure;
    }

    /** Bridges the channel's events into the session; runs on the session's loop. */
    private final class SocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Connection conn;

        SocketHandler(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened(conn);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                conn.failure = new ConnectTimeoutException("WebSocket handshake timed out");
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                onMessage(conn, text.text());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lost(conn);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (conn.failure == null) {
                conn.failure = cause;
            }
            ctx.close();
        }
    }

    /** One bot turn in one context. Fields other than {@code cancelled} are loop-confined. */
    private final class Turn implements TurnStream {
        final String voice;
        final Listener listener;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final ArrayDeque<String> pending = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();
        final WordAssembler assembler = new WordAssembler();
        volatile String id;
        long startedNanos;
        long audioBytes;
        int replays;
        boolean opened;
        boolean finishRequested;
        boolean flushed;
        boolean done;
        byte carry = -1;
        boolean hasCarry;
        ScheduledFuture<?> firstAudioTimer;

        Turn(String voice, Listener listener) {
            this.voice = voice;
            this.listener = listener;
        }

        @Override
        public void append(String text) {
            if (text.isEmpty()) {
                return;
            }
            loop.execute(() -> {
                if (!done && !finishRequested) {
                    pending.add(text);
                    if (opened && state == State.OPEN) {
                        sendPending(this);
                    }
                }
            });
        }

        @Override
        public void finish() {
            loop.execute(() -> {
                if (!done && !finishRequested) {
                    finishRequested = true;
                    if (opened && state == State.OPEN) {
                        sendPending(this);
                    }
                }
            });
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                loop.execute(() -> ElevenLabsSession.this.cancel(this));
            }
        }

        @Override
        public String contextId() {
            return id == null ? "" : id;
        }

        void words(List<TimedWord> words) {
            if (!words.isEmpty() && listener instanceof AlignmentListener alignment) {
                alignment.onWordTimings(new WordTimings(words));
            } else if (!words.isEmpty() && listener instanceof TextToSpeech.TimedListener timed) {
                timed.onWordTimings(new WordTimings(words).forPipeline());
            }
        }

        /** PCM samples are two bytes: never hand a listener half a sample. */
        byte[] wholeSamples(byte[] audio, int bytesPerSample) {
            if (bytesPerSample == 1 || (audio.length == 0 && !hasCarry)) {
                return audio;
            }
            int total = audio.length + (hasCarry ? 1 : 0);
            byte[] joined = new byte[total - total % 2];
            int i = 0;
            if (hasCarry && joined.length > 0) {
                joined[i++] = carry;
                hasCarry = false;
            }
            System.arraycopy(audio, 0, joined, i, joined.length - i);
            if (total % 2 == 1) {
                carry = audio[audio.length - 1];
                hasCarry = true;
            }
            return joined;
        }

        void resetForReplay() {
            stopTimers();
            List<String> again = new ArrayList<>(sent);
            again.addAll(pending);
            pending.clear();
            pending.addAll(again);
            sent.clear();
            opened = false;
            flushed = false;
        }

        void stopTimers() {
            if (firstAudioTimer != null) {
                firstAudioTimer.cancel(false);
                firstAudioTimer = null;
            }
        }
    }
}
