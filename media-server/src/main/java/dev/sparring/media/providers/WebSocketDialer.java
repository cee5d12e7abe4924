package dev.sparring.media.providers;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens a provider's WebSocket on the call's event loop: TCP (and TLS for wss), the HTTP codec, and
 * the provider's own handler, which drives the upgrade with the handshaker it is given. Shared by
 * the streaming provider clients so each one keeps only its protocol.
 *
 * @param url           ws:// or wss:// endpoint
 * @param authorization the {@code Authorization} header value (e.g. {@code Token …}, {@code Bearer …})
 * @param handlerName   the name the provider's handler gets in the channel pipeline
 * @param handler       builds the provider's handler around the handshaker
 */
public record WebSocketDialer(URI url, String authorization, int maxFrameBytes, Duration connectTimeout,
                              Class<? extends Channel> channelType, Optional<SslContext> tls) {

    /** The TCP port of {@code url}: explicit, else 443 for wss and 80 for ws. */
    public int port() {
        return url.getPort() > 0 ? url.getPort() : url.getScheme().equals("wss") ? 443 : 80;
    }

    /** Starts connecting on {@code loop}; the returned future completes when TCP is connected (not upgraded). */
    public ChannelFuture dial(EventLoop loop, String handlerName, Function<WebSocketClientHandshaker, ChannelHandler> handler) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(url,
                WebSocketVersion.V13, null, false, headers, maxFrameBytes);
        ChannelHandler connection = handler.apply(handshaker);
        int port = port();
        return new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls.ifPresent(ssl -> ch.pipeline().addLast(ssl.newHandler(ch.alloc(), url.getHost(), port)));
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024))
                                .addLast(handlerName, connection);
                    }
                })
                .connect(url.getHost(), port);
    }
}
