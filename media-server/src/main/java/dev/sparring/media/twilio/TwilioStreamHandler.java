package dev.sparring.media.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.media.controlplane.SessionToken;
import dev.sparring.media.controlplane.TokenRejectedException;
import dev.sparring.media.eventlog.CallEventLog;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.CallSession;
import dev.sparring.media.pipeline.Injection;
import dev.sparring.media.pipeline.OutboundTransport;
import dev.sparring.media.server.CallHandle;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Twilio Media Streams connection: the state machine {@code connected → start → media… → stop},
 * token check, admission, the asynchronous session fetch, the call's pipeline, and its guards.
 *
 * <p>Until the session arrives and the pipeline exists, up to {@code startupBufferFrames} inbound
 * media frames (and every DTMF digit and injection) are buffered and then replayed in order; when
 * the buffer is full the oldest frame is dropped and counted, so the pipeline hears the most recent
 * audio. Every invalid message refuses the stream precisely: it is logged with the call id in MDC,
 * counted under {@code sparring_rejected_messages{reason}}, and the socket is closed with a
 * WebSocket close code and the reason; other calls are unaffected.
 *
 * <p>Owns the call's state, pipeline, event log and guard timers. Every field is touched only on
 * the channel's event loop, which is also the call's executor; {@link CallHandle} methods hop onto
 * it. The pipeline's outbound audio is written through this handler's context.
 */
public final class TwilioStreamHandler extends ChannelInboundHandlerAdapter implements CallHandle {
    private static final Logger log = LoggerFactory.getLogger(TwilioStreamHandler.class);
    private static final String CHANNEL = "twilio";

    private enum State { NEW, STARTING, LIVE, ENDED }

    private final StreamServices services;
    private ChannelHandlerContext ctx;
    private State state = State.NEW;
    private boolean connectedSeen;
    private boolean admitted;
    private String streamSid = "";
    private String callSid = "";
    private String callId = "";
    private String orgId = "";
    private CallPipeline pipeline;
    private CallEventLog events;
    private final ArrayDeque<TwilioMessage.Inbound> startupBuffer = new ArrayDeque<>();
    private final List<Injection> pendingInjections = new ArrayList<>();
    private long lastChunk;
    private ScheduledFuture<?> maxDurationTimer;
    private ScheduledFuture<?> silenceTimer;
    private Instant idleSince;

    public TwilioStreamHandler(StreamServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String orgId() {
        return orgId;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TwilioMessage.Inbound message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state == State.ENDED) {
            return;
        }
        inMdc(() -> {
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
        inMdc(() -> {
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
        inMdc(() -> finish("hangup", CloseCodes.NORMAL, "closed"));
        ctx.fireChannelInactive();
    }

    @Override
    public void inject(Injection injection) {
        ctx.executor().execute(() -> inMdc(() -> {
            switch (state) {
                case LIVE -> guarded(() -> pipeline.onInjection(injection));
                case STARTING -> pendingInjections.add(injection);
                default -> log.info("injection {} arrived after the call ended; ignored", injection.id());
            }
        }));
    }

    @Override
    public void stop(String reason) {
        int code = "drain".equals(reason) ? CloseCodes.GOING_AWAY : CloseCodes.NORMAL;
        ctx.executor().execute(() -> inMdc(() -> finish(reason, code, reason)));
    }

    private void dispatch(TwilioMessage.Inbound message) {
        switch (message) {
            case TwilioMessage.Connected c -> {
                if (connectedSeen || state != State.NEW) {
                    throw new MediaStreamsException("unexpected-connected", CloseCodes.PROTOCOL_ERROR, "connected after the stream began");
                }
                connectedSeen = true;
            }
            case TwilioMessage.Start s -> onStart(s);
            case TwilioMessage.Media m -> {
                requireStarted(m.streamSid(), "media-before-start");
                if (state == State.STARTING) {
                    buffer(m);
                } else {
                    onMedia(m);
                }
            }
            case TwilioMessage.Dtmf d -> {
                requireStarted(d.streamSid(), "message-before-start");
                if (state == State.STARTING) {
                    startupBuffer.add(d);
                } else {
                    guarded(() -> pipeline.onDtmf(d.digit()));
                }
            }
            case TwilioMessage.Mark m -> {
                requireStarted(m.streamSid(), "message-before-start");
                if (state == State.LIVE) {
                    guarded(() -> pipeline.onMarkPlayed(m.name()));
                }
            }
            case TwilioMessage.Stop s -> {
                if (state != State.NEW && !s.streamSid().equals(streamSid)) {
                    throw wrongStream(s.streamSid());
                }
                finish("hangup", CloseCodes.NORMAL, "stream stopped");
            }
        }
    }

    private void requireStarted(String sid, String reason) {
        if (state == State.NEW) {
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
        if (state != State.NEW) {
            throw new MediaStreamsException("second-start", CloseCodes.PROTOCOL_ERROR, "a second start on stream " + streamSid);
        }
        if (!TwilioMessage.MediaFormat.MULAW_8K.equals(start.mediaFormat())) {
            throw new MediaStreamsException("unsupported-media-format", CloseCodes.UNSUPPORTED_DATA,
                    "unsupported media format " + start.mediaFormat());
        }
        streamSid = start.streamSid();
        callSid = start.callSid();
        SessionToken token;
        try {
            token = services.tokens().verify(Optional.ofNullable(start.customParameters().get("token")), CHANNEL);
        } catch (TokenRejectedException e) {
            throw new MediaStreamsException(e.rejection().reason(), CloseCodes.POLICY_VIOLATION, e.getMessage());
        }
        callId = token.callId();
        orgId = token.orgId();
        CallRegistry.Admission admission = services.calls().tryAdmit(this);
        switch (admission) {
            case ADMITTED -> { }
            case DRAINING -> refuseCall("draining", "server is draining");
            case ORG_LIMIT -> refuseCall("org-concurrency-limit",
                    "organisation " + orgId + " has reached its concurrent call limit");
            case ALREADY_LIVE -> throw new MediaStreamsException("call-already-live", CloseCodes.POLICY_VIOLATION,
                    "call " + callId + " already has a stream on this server");
        }
        if (admission != CallRegistry.Admission.ADMITTED) {
            return;
        }
        admitted = true;
        state = State.STARTING;
        log.info("stream {} (Twilio call {}) admitted; fetching the session", streamSid, callSid);
        services.sessions().fetch(callId).whenComplete((json, error) ->
                ctx.executor().execute(() -> inMdc(() -> onSession(json, error))));
    }

    /** A valid token but no room: the control plane is told the call ended as {@code rejected}. */
    private void refuseCall(String reason, String message) {
        services.shipper().openCall(callId).complete("rejected");
        refuse(new MediaStreamsException(reason, CloseCodes.TRY_AGAIN_LATER, message));
    }

    private void onSession(JsonNode json, Throwable error) {
        if (state != State.STARTING) {
            return;
        }
        if (error != null) {
            log.error("cannot fetch the session of call {}: {}", callId, error.toString());
            services.metrics().rejected("session-unavailable");
            finish("error", CloseCodes.INTERNAL_ERROR, "session-unavailable");
            return;
        }
        CallSession session;
        try {
            session = CallSession.parse(json);
        } catch (RuntimeException e) {
            log.error("session of call {} is invalid: {}", callId, e.getMessage());
            services.metrics().rejected("session-invalid");
            finish("error", CloseCodes.INTERNAL_ERROR, "session-invalid");
            return;
        }
        events = services.shipper().openCall(callId);
        events.append("call.live", Map.of("stream_sid", streamSid, "call_sid", callSid, "channel", CHANNEL));
        CallContext callContext = new CallContext(callId, orgId, session, services.clock(),
                ctx.channel().eventLoop(), new Transport(), events);
        try {
            pipeline = services.pipelines().create(callContext);
        } catch (RuntimeException e) {
            log.error("cannot create the pipeline of call {}", callId, e);
            finish("error", CloseCodes.INTERNAL_ERROR, "pipeline-error");
            return;
        }
        state = State.LIVE;
        log.info("call {} is live", callId);
        scheduleGuards();
        guarded(pipeline::start);
        while (state == State.LIVE && !startupBuffer.isEmpty()) {
            switch (startupBuffer.poll()) {
                case TwilioMessage.Media m -> onMedia(m);
                case TwilioMessage.Dtmf d -> guarded(() -> pipeline.onDtmf(d.digit()));
                default -> { }
            }
        }
        for (Injection injection : pendingInjections) {
            if (state == State.LIVE) {
                guarded(() -> pipeline.onInjection(injection));
            }
        }
        pendingInjections.clear();
    }

    private void buffer(TwilioMessage.Media media) {
        if (services.startupBufferFrames() == 0) {
            services.metrics().frameDroppedAtStartup();
            return;
        }
        long buffered = startupBuffer.stream().filter(m -> m instanceof TwilioMessage.Media).count();
        if (buffered >= services.startupBufferFrames()) {
            for (var it = startupBuffer.iterator(); it.hasNext(); ) {
                if (it.next() instanceof TwilioMessage.Media) {
                    it.remove();
                    services.metrics().frameDroppedAtStartup();
                    break;
                }
            }
        }
        startupBuffer.add(media);
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
        guarded(() -> pipeline.onInboundAudio(media.payload()));
    }

    private void scheduleGuards() {
        Duration max = services.maxCallDuration();
        maxDurationTimer = ctx.executor().schedule(() -> inMdc(() -> {
            log.info("call {} reached the maximum duration {}", callId, max);
            finish("max-duration", CloseCodes.NORMAL, "max-duration");
        }), max.toMillis(), TimeUnit.MILLISECONDS);
        long period = Math.max(10, Math.min(1000, services.silenceTimeout().toMillis() / 4));
        silenceTimer = ctx.executor().scheduleAtFixedRate(() -> inMdc(this::checkSilence),
                period, period, TimeUnit.MILLISECONDS);
    }

    private void checkSilence() {
        if (state != State.LIVE) {
            return;
        }
        boolean idle;
        try {
            idle = pipeline.idle();
        } catch (RuntimeException e) {
            log.error("pipeline.idle() failed", e);
            finish("error", CloseCodes.INTERNAL_ERROR, "pipeline-error");
            return;
        }
        Instant now = services.clock().instant();
        if (!idle) {
            idleSince = null;
        } else if (idleSince == null) {
            idleSince = now;
        } else if (Duration.between(idleSince, now).compareTo(services.silenceTimeout()) >= 0) {
            log.info("call {} silent for {}; ending it", callId, services.silenceTimeout());
            finish("silence-timeout", CloseCodes.NORMAL, "silence-timeout");
        }
    }

    private void guarded(Runnable pipelineCall) {
        try {
            pipelineCall.run();
        } catch (RuntimeException e) {
            log.error("pipeline of call {} failed", callId, e);
            services.metrics().rejected("pipeline-error");
            finish("error", CloseCodes.INTERNAL_ERROR, "pipeline-error");
        }
    }

    private void refuse(MediaStreamsException e) {
        if (state == State.ENDED) {
            return;
        }
        services.metrics().rejected(e.reason());
        log.warn("refusing stream {}: {} ({})", streamSid, e.reason(), e.getMessage());
        finish("error", e.closeCode(), e.reason());
    }

    /** Ends the stream once: stops the pipeline, completes the call's log, releases admission, closes. */
    private void finish(String reason, int closeCode, String closeReason) {
        if (state == State.ENDED) {
            return;
        }
        State was = state;
        state = State.ENDED;
        if (maxDurationTimer != null) {
            maxDurationTimer.cancel(false);
        }
        if (silenceTimer != null) {
            silenceTimer.cancel(false);
        }
        java.util.concurrent.CompletionStage<Void> stopped = java.util.concurrent.CompletableFuture.completedFuture(null);
        if (was == State.LIVE) {
            try {
                pipeline.stop(reason);
                stopped = pipeline.stopped();
            } catch (RuntimeException e) {
                log.error("pipeline of call {} failed to stop", callId, e);
            }
        }
        if (admitted) {
            if (events == null) {
                events = services.shipper().openCall(callId);
            }
            // The pipeline may still be flushing its recogniser's last words into the log:
            // complete the call only after its final events (call.ended last) are appended.
            stopped.whenComplete((ignored, failure) -> ctx.executor().execute(() -> inMdc(() -> {
                events.complete(reason);
                services.calls().release(this);
                services.metrics().callEnded(reason);
                log.info("call {} ended: {}", callId, reason);
            })));
        }
        startupBuffer.clear();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(closeCode, truncate(closeReason)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String truncate(String reason) {
        // A close frame's reason is at most 123 bytes of UTF-8.
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 123 ? reason : new String(bytes, 0, 123, StandardCharsets.UTF_8);
    }

    private void inMdc(Runnable action) {
        if (callId.isEmpty()) {
            try {
                action.run();
            } finally {
                // onStart learns the call id half-way; never leave it behind on a shared event loop.
                MDC.remove("callId");
            }
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("callId", callId)) {
            action.run();
        }
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
            return state == State.LIVE && ctx.channel().isActive();
        }
    }
}
