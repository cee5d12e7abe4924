package dev.sparring.loadtest.twilio;

import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.audio.EncodedAudio;
import dev.sparring.loadtest.playback.PlaybackBuffer;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.ScriptStep;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated Twilio call on a Media Streams WebSocket: sends {@code connected}, {@code start},
 * then a 20 ms μ-law {@code media} frame per tick as the {@link ScriptRunner} decides, plus
 * {@code dtmf} and {@code stop}; plays received {@code media} through a {@link PlaybackBuffer},
 * echoing {@code mark}s when their audio has played and handling {@code clear}.
 *
 * <p><b>Threading and ownership.</b> Everything after {@link #connect} runs on the channel's event
 * loop (one of the emulator's shared loops): the ticker, the mark timer and the inbound handler
 * touch this object's state only there. Inbound frames are released by Netty's
 * {@link SimpleChannelInboundHandler}; outbound frames are released by the transport. The result
 * future completes once, when the socket closes.
 */
final class EmulatedCall {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedCall.class);
    private static final long FRAME_NANOS = FrameTickers.FRAME_NANOS;
    /** Frames sent at once when the loop fell behind; more would burst audio unlike a phone line. */
    private static final int MAX_CATCH_UP_FRAMES = 5;
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final byte[] EMPTY = new byte[0];

    private final StreamIds ids;
    private final StreamTarget target;
    private final EmulatorConfig config;
    private final LongSupplier clock;
    private final CallObserver observer;
    private final PlaybackBuffer playback;
    private final ScriptRunner runner;
    private final CompletableFuture<CallResult> result = new CompletableFuture<>();
    private final StringBuilder message = new StringBuilder(512);
    private final List<String> errors = new ArrayList<>();

    private Channel channel;
    private long sequenceNumber;
    private long chunk;
    private long originNanos;
    private Instant startedAt;
    private FrameTickers tickers;
    private ScheduledFuture<?> maxDuration;
    private ScheduledFuture<?> markTimer;
    private long marksReceived;
    private boolean finished;
    private boolean hungUp;

    EmulatedCall(StreamIds ids, StreamTarget target, CallScript script, Map<ScriptStep.Say, EncodedAudio> audio,
                 EmulatorConfig config, LongSupplier clock, CallObserver observer) {
        this.ids = ids;
        this.observer = observer;
        this.target = target;
        this.config = config;
        this.clock = clock;
        this.playback = new PlaybackBuffer(clock, config.playback(), new PlaybackBuffer.Listener() {
            @Override
            public void markDue(String name, boolean cleared) {
                send(MediaStreamWriter.mark(message, ++sequenceNumber, ids.streamSid(), name));
            }

            @Override
            public void botSpeechStarted(long atNanos) {
                runner.answer(atNanos).ifPresent(observer::turnAnswered);
            }
        });
        this.runner = new ScriptRunner(script, audio, playback, clock, config.botResponseTimeout());
    }

    /** @return completes with the call's result when the socket closes, or exceptionally if it never opened */
    CompletableFuture<CallResult> result() {
        return result;
    }

    /** Connects on {@code group}; the handshake carries {@code X-Twilio-Signature} when a token is configured. */
    void connect(EventLoopGroup group, Class<? extends SocketChannel> channelType, Optional<SslContext> tls,
                 FrameTickers tickers) {
        this.tickers = tickers;
        URI uri = target.streamUrl();
        boolean secure = "wss".equals(uri.getScheme());
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        if (secure && tls.isEmpty()) {
            result.completeExceptionally(new LoadTestException("no TLS context for " + uri));
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        config.authToken().ifPresent(token ->
                headers.set("X-Twilio-Signature", TwilioSignature.compute(token, uri.toString(), Map.of())));
        WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(headers)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(config.connectTimeout().toMillis())
                .build();
        new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (secure) {
                            ch.pipeline().addLast(tls.orElseThrow().newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(protocol),
                                new WebSocketFrameAggregator(MAX_FRAME_BYTES), new Handler());
                    }
                })
                .connect(host, port)
                .addListener((ChannelFutureListener) future -> {
                    if (!future.isSuccess()) {
                        result.completeExceptionally(new LoadTestException("cannot connect to " + uri, future.cause()));
                    } else {
                        channel = future.channel();
                    }
                });
    }

    private void opened(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        send(MediaStreamWriter.connected(message));
        send(MediaStreamWriter.start(message, ++sequenceNumber, ids, target.customParameters()));
        originNanos = clock.getAsLong();
        startedAt = Instant.now();
        channel.flush();
        observer.streamStarted();
        tick();
        tickers.register(channel.eventLoop(), this::tick);
        maxDuration = channel.eventLoop().schedule(() -> {
            errors.add("max call duration " + config.maxCallDuration() + " reached; hanging up");
            hangup();
        }, config.maxCallDuration().toNanos(), TimeUnit.NANOSECONDS);
    }

    private final ScriptRunner.Sink sink = new ScriptRunner.Sink() {
        @Override
        public void media(String payloadBase64) {
            chunk++;
            send(MediaStreamWriter.media(message, ++sequenceNumber, ids.streamSid(), chunk, (chunk - 1) * 20, payloadBase64));
        }

        @Override
        public void dtmf(char digit) {
            send(MediaStreamWriter.dtmf(message, ++sequenceNumber, ids.streamSid(), digit));
        }

        @Override
        public void hangup() {
            EmulatedCall.this.hangup();
        }
    };

    /** @return false once the call needs no more frames */
    private boolean tick() {
        if (hungUp || finished) {
            return false;
        }
        long due = (clock.getAsLong() - originNanos) / FRAME_NANOS + 1;
        long frames = Math.min(due - chunk, MAX_CATCH_UP_FRAMES);
        for (long i = 0; i < frames && !hungUp; i++) {
            playback.advance();
            runner.tick(sink);
        }
        if (!hungUp) {
            channel.flush();
            scheduleMarkTimer();
        }
        return !hungUp;
    }

    /** Echoes a mark when it becomes due rather than at the next 20 ms tick. */
    private void scheduleMarkTimer() {
        OptionalLong due = playback.nextMarkDueNanos();
        if (due.isEmpty() || (markTimer != null && !markTimer.isDone())) {
            return;
        }
        long delay = Math.max(0, due.getAsLong() - clock.getAsLong());
        markTimer = channel.eventLoop().schedule(() -> {
            if (!hungUp) {
                playback.advance();
                channel.flush();
                scheduleMarkTimer();
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void hangup() {
        if (hungUp || channel == null) {
            return;
        }
        hungUp = true;
        send(MediaStreamWriter.stop(message, ++sequenceNumber, ids));
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "caller hung up"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void received(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        InboundMessage message;
        try {
            message = InboundMessage.read(new ByteBufInputStream(frame.content()));
        } catch (IOException e) {
            errors.add("malformed JSON from server: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            errors.add("media payload is not base64: " + e.getMessage());
            return;
        }
        String event = message.event();
        if (!message.streamSid().equals(ids.streamSid())) {
            errors.add(event + " message for stream '" + message.streamSid() + "', expected " + ids.streamSid());
            return;
        }
        if (hungUp) {
            return;
        }
        switch (event) {
            case "media" -> playback.media(message.payload().orElse(EMPTY));
            case "mark" -> {
                if (message.markName().isEmpty()) {
                    errors.add("mark without mark.name");
                } else {
                    marksReceived++;
                    playback.mark(message.markName().get());
                }
            }
            case "clear" -> playback.clear();
            default -> errors.add("unexpected event from server: '" + event + "'");
        }
        ctx.flush();
        scheduleMarkTimer();
    }

    private void closed() {
        if (finished) {
            return;
        }
        finished = true;
        if (maxDuration != null) {
            maxDuration.cancel(false);
        }
        if (markTimer != null) {
            markTimer.cancel(false);
        }
        if (startedAt == null) {
            result.completeExceptionally(new LoadTestException("stream " + target.streamUrl() + " closed before the handshake completed"
                    + (errors.isEmpty() ? "" : ": " + errors)));
            return;
        }
        if (!hungUp) {
            errors.add("server closed the stream before the script ended");
        }
        playback.finish();
        result.complete(CallResult.assemble(ids, startedAt, originNanos, clock.getAsLong(), runner.sent(),
                playback.record(), chunk, marksReceived, hungUp, errors));
    }

    private void send(StringBuilder text) {
        channel.write(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)));
        text.setLength(0);
    }

    /** The call's Netty behaviour; runs on the channel's event loop. */
    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened(ctx);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                errors.add("WebSocket handshake timed out");
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                received(ctx, text);
            } else {
                errors.add("unexpected " + frame.getClass().getSimpleName() + " from server");
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            closed();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("call {} failed", ids.callSid(), cause);
            errors.add("transport error: " + cause);
            ctx.close();
        }
    }
}
