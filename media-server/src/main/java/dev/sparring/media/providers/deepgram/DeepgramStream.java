package dev.sparring.media.providers.deepgram;

import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.SpeechToText;
import dev.sparring.media.providers.WebSocketDialer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's Deepgram live stream. It keeps a connection open (reconnecting after a drop and
 * resending the audio no final result has covered yet, with the new connection's times shifted
 * onto the call's clock), sends KeepAlive while no audio flows, Finalize on request and
 * CloseStream when closed.
 *
 * <p>Threads: {@link #sendAudio}, {@link #finalizeNow}, {@link #close} and {@link #closeAsync} are
 * called on the call's executor and only touch the current audio chunk there; whole chunks cross
 * to the stream's event loop through a queue (one task per chunk at most). Everything else — the
 * connection, the replay buffer, timers — is owned by that one event loop. Listener callbacks come
 * from the event loop. The stream releases its connection and buffers when it closes.
 */
public final class DeepgramStream implements SpeechToText.Finalizing {
    private static final Logger log = LoggerFactory.getLogger(DeepgramStream.class);
    private static final int MAX_FRAME = 1 << 20;
    private static final String HANDLER = "deepgram";
    private static final String KEEP_ALIVE = "{\"type\":\"KeepAlive\"}";
    private static final String FINALIZE = "{\"type\":\"Finalize\"}";
    private static final String CLOSE_STREAM = "{\"type\":\"CloseStream\"}";

    private enum State { CONNECTING, OPEN, WAITING, CLOSING, CLOSED }

    private final DeepgramSpeechToText owner;
    private final DeepgramConfig config;
    private final DeepgramMetrics metrics;
    private final SpeechToText.Listener listener;
    private final Optional<DeepgramListener> timed;
    private final EventLoop loop;
    private final URI url;
    private final double bytesPerSecond;
    private final int bytesPerSample;
    private final DeepgramMessageDecoder decoder = new DeepgramMessageDecoder();

    // Call executor only.
    private final int chunkBytes;
    private byte[] chunk;
    private int chunkFill;
    private boolean closeRequested;

    // Any thread.
    private final ConcurrentLinkedQueue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean muted;

    // Event loop only.
    private final AudioReplayBuffer replay;
    private State state = State.CONNECTING;
    private Channel channel;
    private long connectionStartByte;
    private int failedAttempts;
    private boolean finalizeWanted;
    private boolean closeWanted;
    private boolean speechSinceEnd;
    private long openedNanos;
    private long connectStartedNanos;
    private long connectionFirstAudioNanos;
    private boolean connectionAnswered;
    private long lastSendNanos;
    private ScheduledFuture<?> connectTimer;
    private ScheduledFuture<?> keepAliveTimer;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> closeTimer;

    DeepgramStream(DeepgramSpeechToText owner, SpeechToText.Listener listener, EventLoop loop, URI url) {
        this.owner = owner;
        this.config = owner.config();
        this.metrics = owner.metrics();
        this.listener = listener;
        this.timed = listener instanceof DeepgramListener d ? Optional.of(d) : Optional.empty();
        this.loop = loop;
        this.url = url;
        this.bytesPerSample = owner.inputEncoding().bytesPerSample();
        this.bytesPerSecond = owner.inputEncoding().sampleRate() * (double) bytesPerSample;
        this.chunkBytes = owner.inputEncoding().bytesFor((int) config.audioChunk().toMillis());
        this.chunk = new byte[chunkBytes];
        this.replay = new AudioReplayBuffer((long) (config.replayLimit().toMillis() / 1000.0 * bytesPerSecond));
    }

    void start() {
        loop.execute(() -> {
            openedNanos = System.nanoTime();
            connect();
        });
    }

    // ---- call executor ------------------------------------------------------------------------

    @Override
    public void sendAudio(byte[] audio) {
        if (closeRequested) {
            return;
        }
        int offset = 0;
        while (offset < audio.length) {
            int take = Math.min(chunkBytes - chunkFill, audio.length - offset);
            System.arraycopy(audio, offset, chunk, chunkFill, take);
            chunkFill += take;
            offset += take;
            if (chunkFill == chunkBytes) {
                outbox.add(chunk);
                chunk = new byte[chunkBytes];
                chunkFill = 0;
                scheduleDrain();
            }
        }
    }

    /**
     * Asks Deepgram to finalise what it has heard ({@code Finalize}): at the end of the rep's turn
     * or on barge-in, so the final comes without waiting for endpointing. Non-blocking.
     */
    @Override
    public void finalizeNow() {
        if (closeRequested) {
            return;
        }
        flushChunk();
        loop.execute(() -> {
            drain();
            if (state == State.OPEN) {
                send(FINALIZE);
            } else if (state == State.CONNECTING || state == State.WAITING) {
                finalizeWanted = true;
            }
        });
    }

    /**
     * Sends {@code CloseStream} and releases the connection once Deepgram has answered with its last
     * results (or after {@link DeepgramConfig#closeTimeout()}). Per the {@link SpeechToText.Stream}
     * contract no callback comes after this returns, so those last results are not delivered: use
     * {@link #closeAsync()} to receive them. Non-blocking.
     */
    @Override
    public void close() {
        muted = true;
        closeAsync();
    }

    /**
     * Like {@link #close()}, but the listener still receives the results flushed by
     * {@code CloseStream} until the returned future completes (when the connection is released).
     */
    public CompletableFuture<Void> closeAsync() {
        if (!closeRequested) {
            closeRequested = true;
            flushChunk();
            loop.execute(() -> {
                drain();
                closeWanted = true;
                switch (state) {
                    case OPEN -> sendCloseStream();
                    case WAITING -> finish();
                    case CONNECTING -> closeTimer = loop.schedule(this::finish, config.closeTimeout().toNanos(),
                            TimeUnit.NANOSECONDS);
                    case CLOSING, CLOSED -> { }
                }
            });
        }
        return closed;
    }

    /** The pipeline's name for {@link #closeAsync()}: results flushed by CloseStream are still delivered. */
    @Override
    public CompletableFuture<Void> closeGracefully() {
        return closeAsync();
    }

    /** @return completes when the stream has released its connection (after close or giving up) */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    private void flushChunk() {
        if (chunkFill > 0) {
            byte[] partial = new byte[chunkFill];
            System.arraycopy(chunk, 0, partial, 0, chunkFill);
            outbox.add(partial);
            chunkFill = 0;
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    // ---- event loop: audio --------------------------------------------------------------------

    private void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        for (byte[] next = outbox.poll(); next != null; next = outbox.poll()) {
            if (state == State.CLOSED) {
                continue;
            }
            replay.append(next);
            if (state == State.OPEN) {
                writeAudio(next, 0, next.length);
                wrote = true;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void writeAudio(byte[] array, int offset, int length) {
        if (connectionFirstAudioNanos == 0) {
            connectionFirstAudioNanos = System.nanoTime();
        }
        lastSendNanos = System.nanoTime();
        channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(array, offset, length)));
    }

    private void send(String text) {
        lastSendNanos = System.nanoTime();
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    // ---- event loop: connection ---------------------------------------------------------------

    private void connect() {
        state = State.CONNECTING;
        connectStartedNanos = System.nanoTime();
        connectionFirstAudioNanos = 0;
        connectionAnswered = false;
        WebSocketDialer dialer = new WebSocketDialer(url, "Token " + config.apiKey(), MAX_FRAME, config.connectTimeout(),
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
        connectionStartByte = replay.startByte();
        ch.pipeline().addBefore(HANDLER, "ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME));
        if (replay.endByte() > replay.startByte()) {
            log.debug("deepgram: resending {} ms of audio after reconnecting",
                    (long) ((replay.endByte() - replay.startByte()) * 1000 / bytesPerSecond));
        }
        replay.forEach(this::writeAudio);
        ch.flush();
        drain();
        long period = Math.max(1, config.keepAliveInterval().toNanos() / 4);
        lastSendNanos = Math.max(lastSendNanos, System.nanoTime() - config.keepAliveInterval().toNanos() / 2);
        keepAliveTimer = loop.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.NANOSECONDS);
        if (closeWanted) {
            sendCloseStream();
        } else if (finalizeWanted) {
            finalizeWanted = false;
            send(FINALIZE);
        }
    }

    private void keepAlive() {
        if (state == State.OPEN && System.nanoTime() - lastSendNanos >= config.keepAliveInterval().toNanos()) {
            send(KEEP_ALIVE);
        }
    }

    private void sendCloseStream() {
        state = State.CLOSING;
        send(CLOSE_STREAM);
        cancel(closeTimer);
        closeTimer = loop.schedule(this::finish, config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void rejected(Channel ch, FullHttpResponse response) {
        int status = response.status().code();
        String reason = Optional.ofNullable(response.headers().get("dg-error"))
                .orElseGet(() -> response.content().toString(StandardCharsets.UTF_8));
        String message = "upgrade refused: " + response.status() + (reason.isBlank() ? "" : " (" + reason + ")");
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

    /** A connection attempt or a live connection failed: report it, then retry or give up. */
    private void fail(Channel ch, String kind, String message, boolean retryable, Optional<Duration> retryAfter) {
        detach(ch);
        metrics.failure(kind);
        log.warn("deepgram stream {}: {}", kind, message);
        emit(l -> l.onError(new ProviderException(DeepgramMetrics.PROVIDER, kind, message, retryable)));
        if (!retryable || closeWanted) {
            finish();
            return;
        }
        failedAttempts++;
        if (failedAttempts > config.maxReconnectAttempts()) {
            metrics.failure("gave-up");
            emit(l -> l.onError(new ProviderException(DeepgramMetrics.PROVIDER, "gave-up",
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
        if (channel != ch) {
            return;
        }
        if (state == State.CLOSING || state == State.CLOSED) {
            finish();
        } else {
            fail(ch, state == State.OPEN ? "dropped" : "connect", "connection closed by the server", true,
                    Optional.empty());
        }
    }

    private void detach(Channel ch) {
        cancel(connectTimer);
        cancel(keepAliveTimer);
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
        cancel(keepAliveTimer);
        cancel(reconnectTimer);
        cancel(closeTimer);
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ch.close());
        }
        outbox.clear();
        replay.clear();
        metrics.streamClosed(System.nanoTime() - openedNanos);
        closed.complete(null);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- event loop: messages -----------------------------------------------------------------

    private void onText(String text) {
        DeepgramMessage message;
        try {
            message = decoder.decode(text);
        } catch (DeepgramMessageDecoder.MalformedMessageException e) {
            metrics.failure("protocol");
            log.warn("deepgram stream: malformed message ignored: {}", e.getMessage());
            emit(l -> l.onError(new ProviderException(DeepgramMetrics.PROVIDER, "protocol",
                    "malformed message ignored: " + e.getMessage(), false)));
            return;
        }
        double offset = connectionStartByte / bytesPerSecond;
        switch (message) {
            case DeepgramMessage.Results results -> onResults(results, offset);
            case DeepgramMessage.UtteranceEnd end -> endOfSpeech();
            case DeepgramMessage.SpeechStarted started ->
                    timed.ifPresent(t -> emit(l -> t.onSpeechStarted(seconds(offset + started.timestamp()))));
            case DeepgramMessage.Metadata metadata -> {
                if (state == State.CLOSING) {
                    finish();
                }
            }
            case DeepgramMessage.Other other -> log.debug("deepgram stream: ignoring message type {}", other.type());
        }
    }

    private void onResults(DeepgramMessage.Results results, double offset) {
        if (!connectionAnswered && connectionFirstAudioNanos != 0) {
            connectionAnswered = true;
            metrics.firstResult(System.nanoTime() - connectionFirstAudioNanos);
        }
        if (results.isFinal()) {
            long end = Math.round(results.end() * bytesPerSecond);
            replay.acknowledge(connectionStartByte + end - end % bytesPerSample);
        }
        String text = results.transcript().strip();
        if (!text.isEmpty()) {
            speechSinceEnd = true;
            SpeechToText.Transcript transcript = new SpeechToText.Transcript(text, true);
            if (results.isFinal()) {
                emit(l -> l.onFinal(transcript));
            } else {
                emit(l -> l.onInterim(transcript));
            }
            timed.ifPresent(t -> emit(l -> t.onSpeech(speech(results, text, offset))));
        }
        if (results.speechFinal()) {
            endOfSpeech();
        }
    }

    /** speech_final and UtteranceEnd both end a turn; the second of a pair is not news. */
    private void endOfSpeech() {
        if (speechSinceEnd) {
            speechSinceEnd = false;
            emit(SpeechToText.Listener::onEndOfSpeech);
        }
    }

    private static DeepgramListener.RecognisedSpeech speech(DeepgramMessage.Results results, String text,
                                                             double offset) {
        List<DeepgramListener.TimedWord> words = results.words().stream()
                .map(w -> new DeepgramListener.TimedWord(w.text(), seconds(offset + w.start()), seconds(offset + w.end())))
                .toList();
        Duration start = words.isEmpty() ? seconds(offset + results.start()) : words.getFirst().start();
        Duration end = words.isEmpty() ? seconds(offset + results.end()) : words.getLast().end();
        return new DeepgramListener.RecognisedSpeech(text, results.isFinal(), start, end, words);
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private void emit(Consumer<SpeechToText.Listener> callback) {
        if (muted) {
            return;
        }
        try {
            callback.accept(listener);
        } catch (RuntimeException e) {
            log.error("deepgram stream listener failed", e);
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
            if (channel != ch) {
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
                case CloseWebSocketFrame close -> log.debug("deepgram closed the stream: {} {}", close.statusCode(),
                        close.reasonText());
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
            log.debug("deepgram connection error", cause);
            ctx.close();
        }
    }
}
