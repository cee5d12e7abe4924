package dev.sparring.loadtest.simulators.deepgram;

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
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local server speaking Deepgram's live streaming protocol ({@code GET /v1/listen} upgraded to
 * a WebSocket; https://developers.deepgram.com/reference/speech-to-text/listen-streaming). It
 * really listens: the audio is decoded and segmented by the codecs' energy detector, and each
 * speech segment is answered with the next {@code say} line of the call script named by a
 * {@code tag} query parameter. Used by provider tests, the load tester and offline demos.
 *
 * <p>Owns its Netty event loop group (one thread: a connection costs no thread) and the listening
 * channel; {@link #close()} releases both. Thread-safe.
 */
public final class DeepgramSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeepgramSimulator.class);
    private static final String PATH = "/v1/listen";
    private static final int MAX_FRAME = 1 << 20;

    private final DeepgramSimulatorConfig config;
    private final EventLoopGroup group;
    private final Channel server;
    private final ScriptBook scripts;
    private final SimulatorStats stats = new SimulatorStats();
    private volatile DeepgramFaults faults;
    private final AtomicInteger upgradesSinceFaults = new AtomicInteger();
    private final AtomicInteger acceptedSinceFaults = new AtomicInteger();
    private final Set<ListenSession> live = ConcurrentHashMap.newKeySet();

    private DeepgramSimulator(DeepgramSimulatorConfig config, EventLoopGroup group) {
        this.config = config;
        this.group = group;
        this.faults = config.faults();
        this.scripts = new ScriptBook(new CallScriptParser(config.scriptsDirectory()));
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
            throw new SimulatorException("cannot bind the Deepgram simulator to " + config.bindAddress() + ":"
                    + config.port(), e);
        }
        log.info("Deepgram simulator listening on {}", server.localAddress());
    }

    /** Starts a simulator on its own single-threaded event loop group. */
    public static DeepgramSimulator start(DeepgramSimulatorConfig config) {
        return new DeepgramSimulator(config, new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()));
    }

    /** @return the bound port */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** @return the base URL a client connects to ({@code ws://host:port}; the path is {@code /v1/listen}) */
    public URI baseUrl() {
        return URI.create("ws://" + config.bindAddress() + ":" + port());
    }

    /** Replaces the injected faults; their connection counts start again from zero. */
    public void faults(DeepgramFaults injected) {
        upgradesSinceFaults.set(0);
        acceptedSinceFaults.set(0);
        this.faults = injected;
    }

    /**
     * Cuts every open connection now, without a close frame, as a network failure would. Each
     * connection's own event loop does the cutting; this returns at once.
     */
    public void dropOpenConnections() {
        live.forEach(session -> session.executor().execute(session::drop));
    }

    /** @return how many connections are open */
    public int openConnections() {
        return live.size();
    }

    /** @return what the simulator has seen so far */
    public SimulatorStats stats() {
        return stats;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Checks path, credentials, faults and parameters of an upgrade request, then hands the channel to a session. */
    private final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            Map<String, List<String>> parameters = query.parameters();
            String requestId = UUID.randomUUID().toString();
            ListenMessages messages = new ListenMessages(requestId,
                    parameters.getOrDefault("model", List.of("nova-3")).getFirst());
            if (!query.path().equals(PATH)) {
                refuse(ctx, HttpResponseStatus.NOT_FOUND, messages, requestId, parameters, "Not Found",
                        "no route for " + query.path(), 0);
                return;
            }
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
            if (!authorization.equals("Token " + config.apiKey())) {
                refuse(ctx, HttpResponseStatus.UNAUTHORIZED, messages, requestId, parameters, "INVALID_AUTH",
                        "Invalid credentials.", 0);
                return;
            }
            DeepgramFaults injected = faults;
            int ordinal = upgradesSinceFaults.incrementAndGet();
            if (injected.rejectStatus() != 0 && ordinal <= injected.rejectCount()) {
                HttpResponseStatus status = HttpResponseStatus.valueOf(injected.rejectStatus());
                String code = status.code() == 429 ? "TOO_MANY_REQUESTS" : status.code() == 401 ? "INVALID_AUTH"
                        : status.reasonPhrase();
                refuse(ctx, status, messages, requestId, parameters, code, "injected failure: " + status,
                        injected.retryAfterSeconds());
                return;
            }
            ListenRequest listen;
            switch (ListenRequest.parse(parameters)) {
                case ListenRequest.Result.Invalid invalid -> {
                    refuse(ctx, HttpResponseStatus.BAD_REQUEST, messages, requestId, parameters, "Bad Request",
                            invalid.message(), 0);
                    return;
                }
                case ListenRequest.Result.Valid valid -> listen = valid.request();
            }
            if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, messages, requestId, parameters, "Bad Request",
                        "expected a WebSocket upgrade", 0);
                return;
            }
            int connection = acceptedSinceFaults.incrementAndGet();
            long delayNanos = connection <= injected.slowCount() ? injected.handshakeDelay().toNanos() : 0;
            FullHttpRequest retained = request.retainedDuplicate();
            Runnable handshake = () -> {
                try {
                    accept(ctx, retained, listen, messages, requestId, injected, connection);
                } finally {
                    retained.release();
                }
            };
            if (delayNanos > 0) {
                ctx.executor().schedule(handshake, delayNanos, TimeUnit.NANOSECONDS);
            } else {
                handshake.run();
            }
        }

        private void accept(ChannelHandlerContext ctx, FullHttpRequest request, ListenRequest listen,
                            ListenMessages messages, String requestId, DeepgramFaults injected, int connection) {
            if (!ctx.channel().isActive()) {
                return;
            }
            String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + PATH;
            WebSocketServerHandshaker handshaker =
                    new WebSocketServerHandshakerFactory(url, null, false, MAX_FRAME).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            stats.upgrade(listen.parameters(), 101);
            List<String> tags = listen.tags();
            ListenSession session = new ListenSession(config, listen, messages, scripts.cursor(tags),
                    () -> scripts.release(tags), stats,
                    connection <= injected.dropCount() ? injected.dropAfterMessages() : 0,
                    connection == 1 ? injected.malformedAtMessage() : 0);
            HttpHeaders headers = new DefaultHttpHeaders().add("dg-request-id", requestId);
            handshaker.handshake(ctx.channel(), request, headers, ctx.newPromise()).addListener(f -> {
                if (f.isSuccess()) {
                    ctx.pipeline().addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME));
                    ctx.pipeline().addLast("session", session);
                    ctx.pipeline().remove(this);
                    live.add(session);
                    ctx.channel().closeFuture().addListener(c -> live.remove(session));
                } else {
                    ctx.close();
                }
            });
        }

        private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, ListenMessages messages,
                            String requestId, Map<String, List<String>> parameters, String code, String message,
                            int retryAfterSeconds) {
            stats.upgrade(parameters, status.code());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(messages.error(code, message), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set("dg-request-id", requestId)
                    .set("dg-error", message);
            if (retryAfterSeconds > 0) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
            }
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
