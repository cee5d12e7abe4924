package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.ProviderException;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * OpenAI Realtime over its WebSocket API ({@code /v1/realtime?model=…};
 * https://developers.openai.com/api/docs/guides/realtime-websocket), on Netty.
 *
 * <p>Density: sessions share the given event loop group and each lives on one loop of it — pass
 * the call's own event loop and the caller's audio never changes thread. Stateless apart from the
 * shared TLS context and metrics; thread-safe. The group is owned by the caller.
 */
public final class OpenAiRealtimeModel implements RealtimeModel {
    private final RealtimeConfig config;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final RealtimeMetrics metrics;
    private final Optional<SslContext> tls;

    /**
     * @param group       the event loop group sessions run on (a call's own loop is ideal)
     * @param channelType a socket channel class matching the group's transport (NIO or epoll)
     */
    public OpenAiRealtimeModel(RealtimeConfig config, EventLoopGroup group, Class<? extends Channel> channelType,
                               MeterRegistry registry) {
        this.config = config;
        this.group = group;
        this.channelType = channelType;
        this.metrics = new RealtimeMetrics(registry);
        this.tls = config.baseUrl().getScheme().equals("wss") ? Optional.of(clientTls()) : Optional.empty();
    }

    @Override
    public RealtimeSocket open(SessionSetup setup, RealtimeListener listener) {
        RealtimeSocket socket = new RealtimeSocket(this, setup, listener, group.next(), url());
        socket.start();
        return socket;
    }

    @Override
    public RealtimeConfig config() {
        return config;
    }

    /** @return the {@code /v1/realtime} URL with the model */
    URI url() {
        String base = config.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/realtime?model=" + URLEncoder.encode(config.model(), StandardCharsets.UTF_8));
    }

    RealtimeMetrics metrics() {
        return metrics;
    }

    Class<? extends Channel> channelType() {
        return channelType;
    }

    Optional<SslContext> tls() {
        return tls;
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new ProviderException(RealtimeMetrics.PROVIDER, "tls", "cannot create the TLS client context", false, e);
        }
    }
}
