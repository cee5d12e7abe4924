package dev.sparring.media.providers.openai;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a pooled connection: hands the HTTP objects of the current response to the
 * exchange that sent the request. Between exchanges nothing may arrive; anything that does means
 * the connection is unusable, so it is closed. Touched only by the connection's event loop; releases
 * every message it receives.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private Optional<ChatExchange> current = Optional.empty();

    void bind(ChatExchange exchange) {
        current = Optional.of(exchange);
    }

    void unbind() {
        current = Optional.empty();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (current.isPresent() && msg instanceof HttpObject http) {
                current.get().onHttpObject(http);
            } else {
                log.debug("openai: unexpected {} on an idle connection; closing it", msg.getClass().getSimpleName());
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Optional<ChatExchange> exchange = current;
        current = Optional.empty();
        exchange.ifPresent(ChatExchange::onConnectionClosed);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Optional<ChatExchange> exchange = current;
        current = Optional.empty();
        exchange.ifPresentOrElse(e -> e.onConnectionError(cause),
                () -> log.debug("openai: error on an idle connection: {}", cause.toString()));
        ctx.close();
    }
}
