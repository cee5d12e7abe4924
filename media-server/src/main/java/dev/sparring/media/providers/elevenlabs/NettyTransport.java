package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.PipelineException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What the ElevenLabs clients connect with: an event loop group shared by every call (not owned), its
 * socket channel type and, for {@code https} base URLs, one TLS client context. Immutable.
 */
record NettyTransport(EventLoopGroup group, Class<? extends SocketChannel> channelType, Optional<SslContext> ssl) {

    static NettyTransport of(ElevenLabsConfig config, EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        if (!config.secure()) {
            return new NettyTransport(group, channelType, Optional.empty());
        }
        try {
            return new NettyTransport(group, channelType, Optional.of(SslContextBuilder.forClient().build()));
        } catch (SSLException e) {
            throw new PipelineException("cannot create the TLS context for " + config.baseUrl(), e);
        }
    }

    /** A bootstrap whose channel lives on {@code loop}, so its callbacks need no hand-off. */
    Bootstrap bootstrap(EventLoop loop, ElevenLabsConfig config) {
        return new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }
}
