package dev.sparring.media.server;

import dev.sparring.media.config.ConfigException;
import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.controlplane.ControlPlaneClient;
import dev.sparring.media.controlplane.SessionTokenVerifier;
import dev.sparring.media.controlplane.SharedSecrets;
import dev.sparring.media.eventlog.EventShipper;
import dev.sparring.media.pipeline.CallPipelineFactory;
import dev.sparring.media.call.CallServices;
import dev.sparring.media.twilio.TwilioSignatureValidator;
import dev.sparring.media.webrtc.SignallingHandler;
import dev.sparring.media.webrtc.WebRtcException;
import dev.sparring.media.webrtc.WebRtcMetrics;
import dev.sparring.media.webrtc.WebRtcService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media server process: Netty HTTP/WebSocket server, the event shipper, and drain.
 *
 * <p>Owns the event loop groups, the listening channel, the shipper and the Prometheus registry.
 * {@link #start} and {@link #drain} are called from the main thread and the shutdown hook; the
 * calls themselves live on the worker event loops.
 */
public final class MediaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaServer.class);

    private final MediaServerConfig config;
    private final PrometheusMeterRegistry prometheus;
    private final CallRegistry calls;
    private final EventShipper shipper;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private final String transport;
    private final Optional<WebRtcService> webrtc;
    private boolean closed;

    private MediaServer(MediaServerConfig config, PrometheusMeterRegistry prometheus, CallRegistry calls,
                        EventShipper shipper, EventLoopGroup boss, EventLoopGroup workers, Channel listener, String transport,
                        Optional<WebRtcService> webrtc) {
        this.webrtc = webrtc;
        this.config = config;
        this.prometheus = prometheus;
        this.calls = calls;
        this.shipper = shipper;
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
        this.transport = transport;
    }

    /**
     * Binds the server and starts shipping events.
     *
     * @param pipelines builds the call pipeline factory once, given this server's meter registry (the
     *     pipeline registers its own meters there: barge-ins, turn latency)
     */
    public static MediaServer start(MediaServerConfig config, SharedSecrets secrets,
                                    Function<MeterRegistry, CallPipelineFactory> pipelines, Clock clock) {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CallRegistry calls = new CallRegistry(config.maxConcurrentCallsPerOrg());
        ServerMetrics metrics = new ServerMetrics(prometheus, calls);
        ControlPlaneClient controlPlane = new ControlPlaneClient(config.controlPlaneUrl(), secrets.serviceKey(),
                config.controlPlaneTimeout());
        EventShipper shipper = new EventShipper(controlPlane, clock, config.serverId(), config.internalUrl().toString(),
                config.eventBatchInterval(), config.controlPlaneMaxBackoff(), config.outboxDir(), config.outboxCapBytes(),
                prometheus);
        CallPipelineFactory factory = pipelines.apply(prometheus);
        CallServices streams = new CallServices(new SessionTokenVerifier(secrets.sessionSigningKey(), clock),
                controlPlane::fetchSession, factory, shipper, calls, metrics, clock, config.maxCallDuration(),
                config.silenceTimeout(), config.startupBufferFrames());
        Optional<SslContext> tls = config.tls().map(MediaServer::sslContext);

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        Optional<WebRtcService> webrtc;
        try {
            webrtc = config.webrtc().enabled()
                    ? Optional.of(WebRtcService.start(config.webrtc(), config.bindAddress(), workers, streams,
                            new WebRtcMetrics(prometheus)))
                    : Optional.empty();
        } catch (WebRtcException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            shipper.close();
            throw new ConfigException(e.getMessage(), e);
        }
        HttpRouterHandler.Services routing = new HttpRouterHandler.Services(config, secrets.serviceKey(), calls, metrics,
                prometheus, config.twilioAuthToken().map(TwilioSignatureValidator::new), streams,
                webrtc.map(w -> new SignallingHandler(w, config.webrtc().allowedOrigins(), w.metrics())));
        int maxRequest = Math.max(64 * 1024, config.maxFrameBytes());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        tls.ifPresent(ssl -> ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc())));
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(maxRequest))
                                .addLast("router", new HttpRouterHandler(routing));
                    }
                });
        Channel listener;
        try {
            listener = bootstrap.bind(new InetSocketAddress(config.bindAddress(), config.httpPort())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while binding http-port " + config.httpPort(), e);
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked NativeIoException/BindException) undeclared from sync().
            webrtc.ifPresent(WebRtcService::close);
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            shipper.close();
            throw new ConfigException("cannot bind " + config.bindAddress() + ":" + config.httpPort() + " (http-port)", e);
        }
        shipper.start();
        MediaServer server = new MediaServer(config, prometheus, calls, shipper, boss, workers, listener,
                epoll ? "epoll" : "nio", webrtc);
        log.info("media server {} listening on {} ({}, {})", config.serverId(), listener.localAddress(),
                server.transport, tls.isPresent() ? "TLS" : "plain");
        return server;
    }

    private static SslContext sslContext(MediaServerConfig.Tls tls) {
        try {
            return SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("tls-cert/tls-key cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The bound port (useful with http-port=0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public PrometheusMeterRegistry registry() {
        return prometheus;
    }

    public CallRegistry calls() {
        return calls;
    }

    public EventShipper shipper() {
        return shipper;
    }

    /** The WebRTC transport's UDP port, when WebRTC is enabled. */
    public java.util.OptionalInt webrtcPort() {
        return webrtc.map(w -> java.util.OptionalInt.of(w.udpPort())).orElse(java.util.OptionalInt.empty());
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /**
     * Graceful stop: {@code /ready} turns 503 and new streams are refused; live calls may finish
     * within {@code grace}; the rest are stopped with reason {@code drain}; then events and
     * completions are flushed (or spooled to the outbox) and the server closes.
     */
    public void drain(Duration grace) {
        calls.startDraining();
        log.info("draining: {} live calls get up to {} to finish", calls.size(), grace);
        try {
            if (!calls.awaitEmpty(grace)) {
                log.info("drain grace period over: stopping {} calls", calls.size());
                calls.snapshot().forEach(call -> call.stop("drain"));
                if (!calls.awaitEmpty(Duration.ofSeconds(5))) {
                    log.warn("{} calls did not stop within 5 s of the drain", calls.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().awaitUninterruptibly();
        webrtc.ifPresent(WebRtcService::close);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        shipper.close();
        log.info("media server {} stopped", config.serverId());
    }
}
