package dev.sparring.loadtest.simulators.openai.realtime;

import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.script.CallScriptParser;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local server speaking the OpenAI Realtime WebSocket protocol ({@code GET /v1/realtime?model=…}
 * upgraded with {@code Authorization: Bearer <key>};
 * https://developers.openai.com/api/docs/guides/realtime-websocket). It really listens — its own
 * energy VAD segments the appended audio — transcribes each segment as the next {@code say} line of
 * the call script named in the session's {@code tracing.metadata.script}, and answers with real
 * FreeTTS speech in the session's format. Used by provider tests, the load tester and offline demos.
 *
 * <p>Owns its Netty event loop group (one thread: a session costs no thread), one synthesis thread,
 * and the listening channel; {@link #close()} releases all. Thread-safe.
 */
public final class RealtimeSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSimulator.class);
    private static final String PATH = "/v1/realtime";
    private static final int MAX_FRAME = 4 << 20;

    private final RealtimeSimulatorConfig config;
    private final EventLoopGroup group;
    private final ExecutorService synthesis;
    private final SpeechCache speech;
    private final ScriptLines scripts;
    private final Channel server;
    private final SimulatorStats stats = new SimulatorStats();
    private final SimulatedSession.SharedCounters counters = new SimulatedSession.SharedCounters();
    private final AtomicInteger upgradesSinceFaults = new AtomicInteger();
    private final AtomicInteger acceptedSinceFaults = new AtomicInteger();
    private volatile RealtimeFaults faults;

    private RealtimeSimulator(RealtimeSimulatorConfig config) {
        this.config = config;
        this.faults = config.faults();
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.synthesis = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "realtime-sim-tts");
            t.setDaemon(true);
            return t;
        });
        this.speech = new SpeechCache(synthesis);
        this.scripts = new ScriptLines(new CallScriptParser(config.scriptsDirectory()));
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("http", new HttpServerCodec())
                                    .addLast("aggregator", new HttpObjectAggregator(64 * 1024))
                                    .addLast("upgrade", new UpgradeHandler());
                        }
                    })
                    .bind(config.bindAddress(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            synthesis.shutdownNow();
            throw new LoadTestException("cannot bind the OpenAI Realtime simulator to " + config.bindAddress() + ":"
                    + config.port(), e);
        }
        log.info("OpenAI Realtime simulator listening on {}", server.localAddress());
    }

    /** Starts a simulator on its own single-threaded event loop group. */
    public static RealtimeSimulator start(RealtimeSimulatorConfig config) {
        return new RealtimeSimulator(config);
    }

    /** @return the bound port */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** @return the base URL a client connects to ({@code ws://host:port}; the path is {@code /v1/realtime}) */
    public URI baseUrl() {
        return URI.create("ws://" + config.bindAddress() + ":" + port());
    }

    /** Replaces the injected faults; their counts start again from zero. */
    public void faults(RealtimeFaults injected) {
        upgradesSinceFaults.set(0);
        acceptedSinceFaults.set(0);
        counters.responses.set(0);
        this.faults = injected;
    }

    /** @return what the simulator has seen so far */
    public SimulatorStats stats() {
        return stats;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        // No interrupt: FreeTTS does not survive one mid-sentence; close() waits for that sentence.
        synthesis.shutdown();
        speech.close();
    }

    /** Checks path, model, credentials and faults of an upgrade request, then hands the channel to a session. */
    private final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            if (!query.path().equals(PATH)) {
                refuse(ctx, HttpResponseStatus.NOT_FOUND, "invalid_request_error", "not_found",
                        "Invalid URL (GET " + query.path() + ")", 0);
                return;
            }
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
            if (!authorization.equals("Bearer " + config.apiKey())) {
                refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "invalid_request_error", "invalid_api_key",
                        "Incorrect API key provided.", 0);
                return;
            }
            RealtimeFaults injected = faults;
            int ordinal = upgradesSinceFaults.incrementAndGet();
            if (injected.rejectStatus() != 0 && ordinal <= injected.rejectCount()) {
                HttpResponseStatus status = HttpResponseStatus.valueOf(injected.rejectStatus());
                boolean limited = status.code() == 429;
                refuse(ctx, status, limited ? "requests" : "server_error",
                        limited ? "rate_limit_exceeded" : "injected", "injected failure: " + status,
                        injected.retryAfterSeconds());
                return;
            }
            List<String> model = query.parameters().getOrDefault("model", List.of());
            if (model.isEmpty() || model.getFirst().isBlank()) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "invalid_request_error", "missing_model",
                        "Missing required parameter: 'model'.", 0);
                return;
            }
            String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + PATH;
            WebSocketServerHandshaker handshaker =
                    new WebSocketServerHandshakerFactory(url, null, false, MAX_FRAME).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            int connection = acceptedSinceFaults.incrementAndGet();
            String sessionId = "sess_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            SimulatedSession session = new SimulatedSession(config, injected, counters, stats, scripts, speech, sessionId,
                    connection <= injected.dropCount() ? injected.dropAfterDeltas() : 0,
                    connection == 1 ? injected.malformedAtMessage() : 0);
            stats.upgrade(101);
            handshaker.handshake(ctx.channel(), request).addListener(f -> {
                if (f.isSuccess()) {
                    ctx.pipeline().addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME));
                    ctx.pipeline().addLast("session", session);
                    ctx.pipeline().remove(this);
                } else {
                    ctx.close();
                }
            });
        }

        private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String code,
                            String message, int retryAfterSeconds) {
            stats.upgrade(status.code());
            String body = "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"type\":\"" + type
                    + "\",\"param\":null,\"code\":\"" + code + "\"}}";
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (retryAfterSeconds > 0) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
            }
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
