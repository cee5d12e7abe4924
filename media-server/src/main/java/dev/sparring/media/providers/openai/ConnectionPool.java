package dev.sparring.media.providers.openai;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections to the one configured server, so a turn's request usually skips
 * the TCP and TLS handshakes. One exchange per connection at a time (no pipelining); a connection is
 * lent out by {@link #acquire()}, and either {@link #release released} after a complete response or
 * closed. Idle connections are kept most-recently-used first and closed after the keep-alive time.
 *
 * <p>Owns its idle connections (closed by {@link #close()}), not the event-loop group. The idle deque
 * is thread-safe; each connection's pipeline is touched by its own event loop.
 */
final class ConnectionPool implements AutoCloseable {
    /** Bumped on every lease, so a keep-alive timer only closes a connection still idle since its release. */
    private static final AttributeKey<Long> LEASE = AttributeKey.valueOf("sparring.openai.lease");
    static final String HANDLER = "openai-exchange";

    private final OpenAiConfig config;
    private final Optional<SslContext> ssl;
    private final OpenAiMetrics metrics;
    private final Bootstrap bootstrap;
    private final Deque<Channel> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** A connection lent for one exchange; {@code reused} when it already served one (it may have gone stale). */
    record Connection(Channel channel, boolean reused) {
        ConnectionHandler handler() {
            return (ConnectionHandler) channel.pipeline().get(HANDLER);
        }
    }

    ConnectionPool(OpenAiConfig config, EventLoopGroup group, Optional<SslContext> ssl, OpenAiMetrics metrics) {
        this.config = config;
        this.ssl = ssl;
        this.metrics = metrics;
        Class<? extends SocketChannel> type = group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class : NioSocketChannel.class;
        String host = config.baseUrl().getHost();
        int port = config.port();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(host, port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ssl.ifPresent(context -> ch.pipeline().addLast("tls", context.newHandler(ch.alloc(), host, port)));
                        ch.pipeline().addLast("http", new HttpClientCodec())
                                .addLast(HANDLER, new ConnectionHandler());
                    }
                });
    }

    /** An idle live connection if there is one, else a new one (connected, TLS done). */
    Future<Connection> acquire() {
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            if (channel.isActive()) {
                lease(channel);
                return channel.eventLoop().newSucceededFuture(new Connection(channel, true));
            }
        }
        return connect();
    }

    /** Always a new connection: after a reused one turned out stale. */
    Future<Connection> connect() {
        long started = System.nanoTime();
        ChannelFuture connecting = bootstrap.connect();
        Channel channel = connecting.channel();
        Promise<Connection> ready = channel.eventLoop().newPromise();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            channel.closeFuture().addListener(c -> idle.remove(channel));
            Optional<SslHandler> tls = Optional.ofNullable(channel.pipeline().get(SslHandler.class));
            if (tls.isEmpty()) {
                connected(channel, started, ready);
                return;
            }
            tls.get().handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    connected(channel, started, ready);
                } else {
                    channel.close();
                    ready.tryFailure(h.cause());
                }
            });
        });
        return ready;
    }

    private void connected(Channel channel, long started, Promise<Connection> ready) {
        metrics.connected(System.nanoTime() - started);
        lease(channel);
        if (!ready.trySuccess(new Connection(channel, false))) {
            channel.close();
        }
    }

    /** Returns a connection whose last response was read to its end; called on its event loop. */
    void release(Channel channel) {
        if (closed || !channel.isActive() || config.keepAlive().isZero()) {
            channel.close();
            return;
        }
        long lease = channel.attr(LEASE).get();
        channel.eventLoop().schedule(() -> {
            if (channel.attr(LEASE).get() == lease && idle.remove(channel)) {
                channel.close();
            }
        }, config.keepAlive().toNanos(), TimeUnit.NANOSECONDS);
        idle.offerFirst(channel);
    }

    int idleCount() {
        return idle.size();
    }

    private static void lease(Channel channel) {
        Long previous = channel.attr(LEASE).get();
        channel.attr(LEASE).set(previous == null ? 0L : previous + 1);
    }

    @Override
    public void close() {
        closed = true;
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            channel.close();
        }
    }
}
