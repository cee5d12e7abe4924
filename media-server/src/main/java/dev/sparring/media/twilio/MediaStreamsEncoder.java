package dev.sparring.media.twilio;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/** {@link TwilioMessage.Outbound} → text WebSocket frame. Stateless. */
public final class MediaStreamsEncoder extends MessageToMessageEncoder<TwilioMessage.Outbound> {

    public MediaStreamsEncoder() {
        super(TwilioMessage.Outbound.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, TwilioMessage.Outbound message, List<Object> out) {
        if (message instanceof TwilioMessage.OutboundMedia media) {
            // Audio is most of what we send: its bytes are written directly and wrapped, not copied.
            out.add(new TextWebSocketFrame(Unpooled.wrappedBuffer(MediaStreamsCodec.encodeMedia(media))));
        } else {
            out.add(new TextWebSocketFrame(MediaStreamsCodec.encode(message)));
        }
    }
}
