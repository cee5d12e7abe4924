package dev.sparring.media.twilio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Text WebSocket frame → {@link TwilioMessage.Inbound}. A frame that is not a valid Media Streams
 * message raises {@link MediaStreamsException} (wrapped by Netty in a DecoderException) for the
 * stream handler to refuse precisely. The frame is released by the base class. Stateless.
 */
public final class MediaStreamsDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    public MediaStreamsDecoder() {
        super(WebSocketFrame.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame text) {
            // From the bytes: no String of the frame, and media messages skip the JSON tree.
            ByteBuf content = text.content();
            int length = content.readableBytes();
            if (content.hasArray()) {
                out.add(MediaStreamsCodec.decode(content.array(), content.arrayOffset() + content.readerIndex(), length));
            } else {
                out.add(MediaStreamsCodec.decode(ByteBufUtil.getBytes(content, content.readerIndex(), length, false), 0, length));
            }
        } else if (frame instanceof BinaryWebSocketFrame) {
            throw new MediaStreamsException("binary-frame", CloseCodes.UNSUPPORTED_DATA, "Media Streams messages are text frames");
        } else {
            // Ping, pong and close frames are handled by the protocol handler before us; pass others on.
            out.add(frame.retain());
        }
    }
}
