package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.providers.openai.realtime.RealtimeClientEvents.Role;
import dev.sparring.media.providers.WebSocketDialer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's Realtime WebSocket. Sends {@code session.update} first on every connection, queues
 * what is sent while (re)connecting, reconnects after a drop or a 429/5xx refusal (with backoff or
 * {@code Retry-After}), watches each asked-for response for its first audio (cancelling it after
 * {@link RealtimeConfig#firstAudioTimeout()}), and decodes server events for its listener.
 *
 * <p>Threads: all state — connection, queue, timers — is owned by one event loop; public methods
 * run inline when called on that loop (the call's own loop in production: no hand-off) and are
 * posted to it otherwise. Listener callbacks come from the loop. {@link #close()} releases the
 * connection; nothing is delivered afterwards.
 */
public final class RealtimeSocket implements RealtimeConnection {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSocket.class);
    private static final int MAX_FRAME = 4 << 20;
    private static final String HANDLER = "realtime";

    private enum State { CONNECTING, OPEN, WAITING, CLOSED }

    /** A message waiting for the connection; {@code audioBytes} > 0 for audio. */
    private record Queued(String json, int audioBytes) {}

    private final OpenAiRealtimeModel owner;
    private final RealtimeConfig config;
    private final RealtimeMetrics metrics;
    private final SessionSetup setup;
    private final RealtimeListener listener;
    private final EventLoop loop;
    private final URI url;
    private final RealtimeEventDecoder decoder = new RealtimeEventDecoder();
    private final long audioLimitBytes;

    // Event loop only.
    private State state = State.CONNECTING;
    private boolean muted;
    private Channel channel;
    private boolean everOpened;
    private int failedAttempts;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long queuedAudioBytes;
    private long openedNanos;
    private long connectStartedNanos;
    private long requestedNanos;
    private ScheduledFuture<?> connectTimer;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> firstAudioTimer;

    RealtimeSocket(OpenAiRealtimeModel owner, SessionSetup setup, RealtimeListener listener, EventLoop loop, URI url) {
        this.owner = owner;
        this.config = owner.config();
        this.metrics = owner.metrics();
        this.setup = setup;
        this.listener = listener;
        this.loop = loop;
        this.url = url;
        int bytesPerMs = setup.pcmu() ? 8 : 48;
        this.audioLimitBytes = config.pendingAudioLimit().toMillis() * bytesPerMs;
    }

    void start() {
        onLoop(() -> {
            openedNanos = System.nanoTime();
            connect();
        });
    }

    // ---- RealtimeConnection (any thread) ------------------------------------------------------

    @Override
    public void appendAudio(byte[] audio) {
        String json = RealtimeClientEvents.append(audio, 0, audio.length);
        onLoop(() -> send(new Queued(json, audio.length)));
    }

    @Override
    public void addSystemMessage(String text) {
        control(RealtimeClientEvents.createItem(Role.SYSTEM, text));
    }

    @Override
    public void addUserMessage(String text) {
        control(RealtimeClientEvents.createItem(Role.USER, text));
    }

    @Override
    public void addAssistantMessage(String text) {
        control(RealtimeClientEvents.createItem(Role.ASSISTANT, text));
    }

    @Override
    public void createResponse(Optional<String> instructions) {
        String json = RealtimeClientEvents.createResponse(instructions);
        onLoop(() -> {
            send(new Queued(json, 0));
            responseAsked();
        });
    }

    @Override
    public void cancelResponse() {
        control(RealtimeClientEvents.cancelResponse());
    }

    @Override
    public void truncate(String itemId, int contentIndex, long audioEndMs) {
        control(RealtimeClientEvents.truncate(itemId, contentIndex, audioEndMs));
    }

    @Override
    public void close() {
        onLoop(() -> {
            muted = true;
            finish();
        });
    }

    private void control(String json) {
        onLoop(() -> send(new Queued(json, 0)));
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    // ---- event loop: sending ------------------------------------------------------------------

    private void send(Queued message) {
        switch (state) {
            case OPEN -> channel.writeAndFlush(new TextWebSocketFrame(message.json()));
            case CONNECTING, WAITING -> enqueue(message);
            case CLOSED -> { }
        }
    }

    private void enqueue(Queued message) {
        queue.add(message);
        queuedAudioBytes += message.audioBytes();
        // Keep the newest audio: the oldest is least useful to a turn detector that is about to start.
        Iterator<Queued> it = queue.iterator();
        while (queuedAudioBytes > audioLimitBytes && it.hasNext()) {
            Queued next = it.next();
            if (next.audioBytes() > 0) {
                it.remove();
                queuedAudioBytes -= next.audioBytes();
            }
        }
    }

    private void responseAsked() {
        requestedNanos = System.nanoTime();
        cancel(firstAudioTimer);
        firstAudioTimer = loop.schedule(this::firstAudioOverdue, config.firstAudioTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void responseSettled() {
        requestedNanos = 0;
        cancel(firstAudioTimer);
        firstAudioTimer = null;
    }

    private void firstAudioOverdue() {
        firstAudioTimer = null;
        if (state == State.CLOSED || requestedNanos == 0) {
            return;
        }
        requestedNanos = 0;
        metrics.failure("timeout");
        send(new Queued(RealtimeClientEvents.cancelResponse(), 0));
        emit(l -> l.onError(new ProviderException(RealtimeMetrics.PROVIDER, "timeout",
                "no response audio within " + config.firstAudioTimeout().toMillis() + " ms; response cancelled", true)));
    }

    // ---- event loop: connection ---------------------------------------------------------------

    private void connect() {
        state = State.CONNECTING;
        connectStartedNanos = System.nanoTime();
        WebSocketDialer dialer = new WebSocketDialer(url, "Bearer " + config.apiKey(), MAX_FRAME, config.connectTimeout(),
                owner.channelType(), owner.tls());
        int port = dialer.port();
        ChannelFuture connecting = dialer.dial(loop, HANDLER, Connection::new);
        Channel ch = connecting.channel();
        channel = ch;
        connectTimer = loop.schedule(() -> {
            if (channel == ch && state == State.CONNECTING) {
                fail(ch, "timeout", "no WebSocket upgrade within " + config.connectTimeout().toMillis() + " ms", true,
                        Optional.empty());
            }
        }, config.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        connecting.addListener(f -> {
            if (!f.isSuccess() && channel == ch && state == State.CONNECTING) {
                fail(ch, "connect", "cannot connect to " + url.getHost() + ":" + port + ": " + f.cause().getMessage(),
                        true, Optional.empty());
            }
        });
    }

    private void opened(Channel ch) {
        cancel(connectTimer);
        state = State.OPEN;
        failedAttempts = 0;
        metrics.connected(System.nanoTime() - connectStartedNanos);
        ch.pipeline().addBefore(HANDLER, "ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME));
        ch.write(new TextWebSocketFrame(RealtimeClientEvents.sessionUpdate(config, setup)));
        boolean reconnected = everOpened;
        everOpened = true;
        if (reconnected) {
            emit(RealtimeListener::onReconnected);
        }
        for (Queued next = queue.poll(); next != null; next = queue.poll()) {
            ch.write(new TextWebSocketFrame(next.json()));
        }
        queuedAudioBytes = 0;
        ch.flush();
    }

    private void rejected(Channel ch, FullHttpResponse response) {
        int status = response.status().code();
        String body = response.content().toString(StandardCharsets.UTF_8);
        String message = "upgrade refused: " + response.status() + (body.isBlank() ? "" : " " + abbreviate(body));
        if (status == HttpResponseStatus.UNAUTHORIZED.code() || status == HttpResponseStatus.FORBIDDEN.code()) {
            fail(ch, "auth", message, false, Optional.empty());
        } else if (status == HttpResponseStatus.TOO_MANY_REQUESTS.code()) {
            fail(ch, "rate-limited", message, true, retryAfter(response));
        } else if (status >= 500 || status == HttpResponseStatus.REQUEST_TIMEOUT.code()) {
            fail(ch, "server", message, true, retryAfter(response));
        } else {
            fail(ch, "request", message, false, Optional.empty());
        }
    }

    private static Optional<Duration> retryAfter(FullHttpResponse response) {
        String value = response.headers().get(HttpHeaderNames.RETRY_AFTER);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A connection attempt or a live connection failed: report it, then reconnect or give up. */
    private void fail(Channel ch, String kind, String message, boolean retryable, Optional<Duration> retryAfter) {
        detach(ch);
        responseSettled();
        metrics.failure(kind);
        log.warn("openai realtime session {}: {}", kind, message);
        emit(l -> l.onError(new ProviderException(RealtimeMetrics.PROVIDER, kind, message, retryable)));
        if (!retryable) {
            finish();
            return;
        }
        failedAttempts++;
        if (failedAttempts > config.maxReconnectAttempts()) {
            metrics.failure("gave-up");
            emit(l -> l.onError(new ProviderException(RealtimeMetrics.PROVIDER, "gave-up",
                    "no connection after " + config.maxReconnectAttempts() + " attempts", false)));
            finish();
            return;
        }
        state = State.WAITING;
        long backoff = config.reconnectBackoff().toNanos() << Math.min(3, failedAttempts - 1);
        long delay = retryAfter.map(Duration::toNanos).orElse(backoff);
        reconnectTimer = loop.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
    }

    private void disconnected(Channel ch) {
        if (channel != ch || state == State.CLOSED) {
            return;
        }
        fail(ch, state == State.OPEN ? "dropped" : "connect", "connection closed by the server", true, Optional.empty());
    }

    private void detach(Channel ch) {
        cancel(connectTimer);
        if (channel == ch) {
            channel = null;
        }
        if (ch.isOpen()) {
            ch.close();
        }
    }

    private void finish() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancel(connectTimer);
        cancel(reconnectTimer);
        cancel(firstAudioTimer);
        queue.clear();
        queuedAudioBytes = 0;
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ch.close());
        } else if (ch != null) {
            ch.close();
        }
        metrics.sessionClosed(System.nanoTime() - openedNanos);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    // ---- event loop: messages -----------------------------------------------------------------

    private void onText(String text) {
        RealtimeEvent event;
        try {
            event = decoder.decode(text);
        } catch (RealtimeEventDecoder.MalformedEventException e) {
            metrics.failure("protocol");
            log.warn("openai realtime: malformed message ignored: {}", e.getMessage());
            emit(l -> l.onError(new ProviderException(RealtimeMetrics.PROVIDER, "protocol",
                    "malformed message ignored: " + e.getMessage(), true)));
            return;
        }
        switch (event) {
            case RealtimeEvent.SpeechStarted s -> responseSettled();
            case RealtimeEvent.SpeechStopped s -> responseAsked();
            case RealtimeEvent.AudioDelta d -> {
                if (requestedNanos != 0) {
                    metrics.firstAudio(System.nanoTime() - requestedNanos);
                    responseSettled();
                }
            }
            case RealtimeEvent.ResponseDone done -> {
                responseSettled();
                done.error().ifPresent(e -> metrics.failure(e.kind()));
            }
            case RealtimeEvent.ServerError error -> metrics.failure(error.kind());
            default -> { }
        }
        emit(l -> l.onEvent(event));
    }

    private void emit(Consumer<RealtimeListener> callback) {
        if (muted) {
            return;
        }
        try {
            callback.accept(listener);
        } catch (RuntimeException e) {
            log.error("openai realtime listener failed", e);
        }
    }

    /** One connection's handler: the upgrade, then frames. Ignores everything once superseded. */
    private final class Connection extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;

        Connection(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            Channel ch = ctx.channel();
            if (channel != ch || state == State.CLOSED) {
                return;
            }
            if (msg instanceof FullHttpResponse response) {
                if (state != State.CONNECTING) {
                    return;
                }
                if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    try {
                        handshaker.finishHandshake(ch, response);
                    } catch (RuntimeException e) {
                        fail(ch, "protocol", "bad upgrade response: " + e.getMessage(), true, Optional.empty());
                        return;
                    }
                    opened(ch);
                } else {
                    rejected(ch, response);
                }
                return;
            }
            switch (msg) {
                case TextWebSocketFrame text -> onText(text.text());
                case PingWebSocketFrame ping -> ch.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                case CloseWebSocketFrame close -> log.debug("openai realtime closed the session: {} {}",
                        close.statusCode(), close.reasonText());
                default -> { }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected(ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("openai realtime connection error", cause);
            ctx.close();
        }
    }
}
