package dev.sparring.media.twilio;

import dev.sparring.media.call.CallServices;
import dev.sparring.media.call.LiveCall;
import dev.sparring.media.controlplane.SessionToken;
import dev.sparring.media.controlplane.TokenRejectedException;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.OutboundTransport;
import dev.sparring.media.server.CallRegistry;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Twilio Media Streams connection: the protocol's state machine {@code connected → start →
 * media… → stop}, the token check, and the translation of messages into the {@link LiveCall}'s
 * events (audio, DTMF, marks) and of the pipeline's output into Media Streams messages.
 *
 * <p>Every invalid message refuses the stream precisely: it is logged with the call id in MDC,
 * counted under {@code sparring_rejected_messages{reason}}, and the socket is closed with a
 * WebSocket close code and the reason; other calls are unaffected.
 *
 * <p>Every field is touched only on the channel's event loop, which is also the call's executor.
 */
public final class TwilioStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TwilioStreamHandler.class);
    private static final String CHANNEL = "twilio";

    private final CallServices services;
    private ChannelHandlerContext ctx;
    private LiveCall call;
    private boolean connectedSeen;
    private String streamSid = "";
    private long lastChunk;

    public TwilioStreamHandler(CallServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.call = new LiveCall(services, ctx.channel().eventLoop(), CHANNEL, this::close);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TwilioMessage.Inbound message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (call.hasEnded()) {
            return;
        }
        if (message instanceof TwilioMessage.Media media && call.hasStarted() && media.streamSid().equals(streamSid)) {
            // The hot path (50 frames a second per call) skips the MDC: it logs nothing itself, and
            // the pipeline's own logging runs inside LiveCall's MDC where it matters.
            onMedia(media);
            return;
        }
        call.inMdc(() -> {
            try {
                dispatch(message);
            } catch (MediaStreamsException e) {
                refuse(e);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && !(cause instanceof CorruptedWebSocketFrameException)
                && cause.getCause() != null ? cause.getCause() : cause;
        call.inMdc(() -> {
            switch (c) {
                case MediaStreamsException e -> refuse(e);
                case CorruptedWebSocketFrameException e when e.closeStatus() != null
                        && e.closeStatus().code() == CloseCodes.MESSAGE_TOO_BIG ->
                        refuse(new MediaStreamsException("frame-too-large", CloseCodes.MESSAGE_TOO_BIG, e.getMessage()));
                case TooLongFrameException e ->
                        refuse(new MediaStreamsException("frame-too-large", CloseCodes.MESSAGE_TOO_BIG, e.getMessage()));
                case CorruptedWebSocketFrameException e ->
                        refuse(new MediaStreamsException("websocket-protocol", CloseCodes.PROTOCOL_ERROR, e.getMessage()));
                default -> {
                    log.error("stream failed", c);
                    refuse(new MediaStreamsException("internal-error", CloseCodes.INTERNAL_ERROR, String.valueOf(c)));
                }
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Twilio closes the socket after stop; a socket lost without stop is a hang-up too.
        call.inMdc(() -> call.end("hangup", CloseCodes.NORMAL, "closed"));
        ctx.fireChannelInactive();
    }

    private void dispatch(TwilioMessage.Inbound message) {
        switch (message) {
            case TwilioMessage.Connected c -> {
                if (connectedSeen || call.hasStarted()) {
                    throw new MediaStreamsException("unexpected-connected", CloseCodes.PROTOCOL_ERROR, "connected after the stream began");
                }
                connectedSeen = true;
            }
            case TwilioMessage.Start s -> onStart(s);
            case TwilioMessage.Media m -> {
                requireStarted(m.streamSid(), "media-before-start");
                onMedia(m);
            }
            case TwilioMessage.Dtmf d -> {
                requireStarted(d.streamSid(), "message-before-start");
                call.dtmf(d.digit());
            }
            case TwilioMessage.Mark m -> {
                requireStarted(m.streamSid(), "message-before-start");
                call.markPlayed(m.name());
            }
            case TwilioMessage.Stop s -> {
                if (call.hasStarted() && !s.streamSid().equals(streamSid)) {
                    throw wrongStream(s.streamSid());
                }
                call.end("hangup", CloseCodes.NORMAL, "stream stopped");
            }
        }
    }

    private void requireStarted(String sid, String reason) {
        if (!call.hasStarted()) {
            throw new MediaStreamsException(reason, CloseCodes.PROTOCOL_ERROR, "message before start");
        }
        if (!sid.equals(streamSid)) {
            throw wrongStream(sid);
        }
    }

    private MediaStreamsException wrongStream(String sid) {
        return new MediaStreamsException("wrong-stream-sid", CloseCodes.PROTOCOL_ERROR,
                "message for stream " + sid + " on stream " + streamSid);
    }

    private void onStart(TwilioMessage.Start start) {
        if (call.hasStarted()) {
            throw new MediaStreamsException("second-start", CloseCodes.PROTOCOL_ERROR, "a second start on stream " + streamSid);
        }
        if (!TwilioMessage.MediaFormat.MULAW_8K.equals(start.mediaFormat())) {
            throw new MediaStreamsException("unsupported-media-format", CloseCodes.UNSUPPORTED_DATA,
                    "unsupported media format " + start.mediaFormat());
        }
        streamSid = start.streamSid();
        SessionToken token;
        try {
            token = services.tokens().verify(Optional.ofNullable(start.customParameters().get("token")), CHANNEL);
        } catch (TokenRejectedException e) {
            throw new MediaStreamsException(e.rejection().reason(), CloseCodes.POLICY_VIOLATION, e.getMessage());
        }
        CallRegistry.Admission admission = call.admit(token);
        switch (admission) {
            case ADMITTED -> {
                log.info("stream {} (Twilio call {}) admitted; fetching the session", streamSid, start.callSid());
                call.begin(Map.of("stream_sid", streamSid, "call_sid", start.callSid()), new Transport());
            }
            case DRAINING -> refuse(new MediaStreamsException("draining", CloseCodes.TRY_AGAIN_LATER, call.refusal(admission)));
            case ORG_LIMIT -> refuse(new MediaStreamsException("org-concurrency-limit", CloseCodes.TRY_AGAIN_LATER,
                    call.refusal(admission)));
            case ALREADY_LIVE -> throw new MediaStreamsException("call-already-live", CloseCodes.POLICY_VIOLATION,
                    call.refusal(admission));
        }
    }

    private void onMedia(TwilioMessage.Media media) {
        if (!"inbound".equals(media.track())) {
            // Only the caller's track is rep speech; an outbound echo (both_tracks) is our own audio.
            return;
        }
        services.metrics().frameIn();
        if (lastChunk > 0) {
            if (media.chunk() <= lastChunk) {
                services.metrics().frameLate();
                return;
            }
            if (media.chunk() > lastChunk + 1) {
                services.metrics().framesMissing(media.chunk() - lastChunk - 1);
            }
        }
        lastChunk = media.chunk();
        call.audio(media.payload());
    }

    private void refuse(MediaStreamsException e) {
        if (call.hasEnded()) {
            return;
        }
        services.metrics().rejected(e.reason());
        log.warn("refusing stream {}: {} ({})", streamSid, e.reason(), e.getMessage());
        call.end("error", e.closeCode(), e.reason());
    }

    /** The call's ending, on this socket: a close frame with the code and reason, then close. */
    private void close(String reason, int closeCode, String detail) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, truncate(detail)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String truncate(String reason) {
        // A close frame's reason is at most 123 bytes of UTF-8.
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 123 ? reason : new String(bytes, 0, 123, StandardCharsets.UTF_8);
    }

    /** The pipeline's way out: outbound Media Streams messages on this socket. Event loop only. */
    private final class Transport implements OutboundTransport {
        @Override
        public void sendAudio(byte[] payload) {
            if (writable()) {
                ctx.writeAndFlush(new TwilioMessage.OutboundMedia(streamSid, payload));
                services.metrics().frameOut();
            }
        }

        @Override
        public void sendMark(String name) {
            if (writable()) {
                ctx.writeAndFlush(new TwilioMessage.OutboundMark(streamSid, name));
            }
        }

        @Override
        public void sendClear() {
            if (writable()) {
                ctx.writeAndFlush(new TwilioMessage.Clear(streamSid));
            }
        }

        @Override
        public AudioEncoding encoding() {
            return AudioEncoding.MULAW_8K;
        }

        private boolean writable() {
            return call.isLive() && ctx.channel().isActive();
        }
    }
}
