package dev.sparring.media.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.media.controlplane.SessionToken;
import dev.sparring.media.eventlog.CallEventLog;
import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.CallSession;
import dev.sparring.media.pipeline.Injection;
import dev.sparring.media.pipeline.OutboundTransport;
import dev.sparring.media.server.CallHandle;
import dev.sparring.media.server.CallRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One call's life on this server, whatever carries its audio (a Twilio Media Stream, a WebRTC
 * peer): admission, the asynchronous session fetch, the pipeline, the startup buffer, the guards
 * (maximum duration, silence timeout), and the single ending that stops the pipeline, completes the
 * call's event log and releases the admission.
 *
 * <p>Until the session arrives and the pipeline exists, up to {@code startupBufferFrames} inbound
 * frames (and every DTMF digit and injection) are buffered and then replayed in order; when the
 * buffer is full the oldest frame is dropped and counted, so the pipeline hears the most recent audio.
 *
 * <p>Owns the call's state, pipeline, event log and guard timers. Every method except the
 * {@link CallHandle} ones must be called on {@code executor} (the transport's event loop), which is
 * also the pipeline's executor; the {@link CallHandle} methods hop onto it.
 */
public final class LiveCall implements CallHandle {
    private static final Logger log = LoggerFactory.getLogger(LiveCall.class);

    /** The transport's side of an ending: close the connection once. */
    @FunctionalInterface
    public interface Endpoint {
        /**
         * @param reason    the contract reason ({@code hangup}, {@code error}, {@code drain}, …)
         * @param closeCode a WebSocket close code for transports that have one
         * @param detail    why, for the peer (short)
         */
        void close(String reason, int closeCode, String detail);
    }

    /** WebSocket close codes the ending uses (RFC 6455 §7.4.1); other transports may ignore them. */
    public static final int CLOSE_NORMAL = 1000;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_INTERNAL_ERROR = 1011;

    private enum State { NEW, STARTING, LIVE, ENDED }

    private sealed interface Buffered {
        record Audio(byte[] frame) implements Buffered {}

        record Digit(String digit) implements Buffered {}
    }

    private final CallServices services;
    private final ScheduledExecutorService executor;
    private final String channel;
    private final Endpoint endpoint;
    private State state = State.NEW;
    private boolean admitted;
    private String callId = "";
    private String orgId = "";
    private CallPipeline pipeline;
    private CallEventLog events;
    private final ArrayDeque<Buffered> startupBuffer = new ArrayDeque<>();
    private int bufferedFrames;
    private final List<Injection> pendingInjections = new ArrayList<>();
    private ScheduledFuture<?> maxDurationTimer;
    private ScheduledFuture<?> silenceTimer;
    private Instant idleSince;

    /**
     * @param channel the session token's channel and {@code call.live}'s ({@code twilio}, {@code webrtc})
     */
    public LiveCall(CallServices services, ScheduledExecutorService executor, String channel, Endpoint endpoint) {
        this.services = services;
        this.executor = executor;
        this.channel = channel;
        this.endpoint = endpoint;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String orgId() {
        return orgId;
    }

    public String channel() {
        return channel;
    }

    public boolean isLive() {
        return state == State.LIVE;
    }

    public boolean hasEnded() {
        return state == State.ENDED;
    }

    /** True once {@link #admit} has been called: the call has a token, whatever the admission said. */
    public boolean hasStarted() {
        return state != State.NEW;
    }

    /**
     * Admits the call the verified token names. When there is no room ({@code DRAINING},
     * {@code ORG_LIMIT}) the control plane is told the call ended as {@code rejected}; the caller
     * refuses the transport with a precise reason. {@code ALREADY_LIVE} leaves the other stream alone.
     */
    public CallRegistry.Admission admit(SessionToken token) {
        callId = token.callId();
        orgId = token.orgId();
        CallRegistry.Admission admission = services.calls().tryAdmit(this);
        switch (admission) {
            case ADMITTED -> admitted = true;
            case DRAINING, ORG_LIMIT -> services.shipper().openCall(callId).complete("rejected");
            case ALREADY_LIVE -> { }
        }
        return admission;
    }

    /** Message for a refused admission, for the transport's close reason or problem detail. */
    public String refusal(CallRegistry.Admission admission) {
        return switch (admission) {
            case ADMITTED -> "admitted";
            case DRAINING -> "server is draining";
            case ORG_LIMIT -> "organisation " + orgId + " has reached its concurrent call limit";
            case ALREADY_LIVE -> "call " + callId + " already has a stream on this server";
        };
    }

    /**
     * After admission: fetches the session, then builds and starts the pipeline, appending
     * {@code call.live} with {@code liveFields} (plus the channel).
     */
    public void begin(Map<String, String> liveFields, OutboundTransport transport) {
        if (!admitted || state != State.NEW) {
            throw new IllegalStateException("begin() needs an admitted call that has not begun");
        }
        state = State.STARTING;
        services.sessions().fetch(callId).whenComplete((json, error) ->
                executor.execute(() -> inMdc(() -> onSession(json, error, liveFields, transport))));
    }

    /** One inbound frame in the transport's encoding. */
    public void audio(byte[] frame) {
        switch (state) {
            case STARTING -> buffer(frame);
            case LIVE -> guarded(() -> pipeline.onInboundAudio(frame));
            default -> { }
        }
    }

    public void dtmf(String digit) {
        switch (state) {
            case STARTING -> startupBuffer.add(new Buffered.Digit(digit));
            case LIVE -> guarded(() -> pipeline.onDtmf(digit));
            default -> { }
        }
    }

    /** The transport played the audio before this mark (or flushed it on clear). */
    public void markPlayed(String name) {
        if (state == State.LIVE) {
            guarded(() -> pipeline.onMarkPlayed(name));
        }
    }

    @Override
    public void inject(Injection injection) {
        executor.execute(() -> inMdc(() -> {
            switch (state) {
                case LIVE -> guarded(() -> pipeline.onInjection(injection));
                case STARTING -> pendingInjections.add(injection);
                default -> log.info("injection {} arrived after the call ended; ignored", injection.id());
            }
        }));
    }

    @Override
    public void stop(String reason) {
        int code = "drain".equals(reason) ? CLOSE_GOING_AWAY : CLOSE_NORMAL;
        executor.execute(() -> inMdc(() -> end(reason, code, reason)));
    }

    private void onSession(JsonNode json, Throwable error, Map<String, String> liveFields, OutboundTransport transport) {
        if (state != State.STARTING) {
            return;
        }
        if (error != null) {
            log.error("cannot fetch the session of call {}: {}", callId, error.toString());
            services.metrics().rejected("session-unavailable");
            end("error", CLOSE_INTERNAL_ERROR, "session-unavailable");
            return;
        }
        CallSession session;
        try {
            session = CallSession.parse(json);
        } catch (RuntimeException e) {
            log.error("session of call {} is invalid: {}", callId, e.getMessage());
            services.metrics().rejected("session-invalid");
            end("error", CLOSE_INTERNAL_ERROR, "session-invalid");
            return;
        }
        events = services.shipper().openCall(callId);
        var live = new java.util.LinkedHashMap<String, Object>(liveFields);
        live.put("channel", channel);
        events.append("call.live", live);
        CallContext callContext = new CallContext(callId, orgId, session, services.clock(), executor, transport, events);
        try {
            pipeline = services.pipelines().create(callContext);
        } catch (RuntimeException e) {
            log.error("cannot create the pipeline of call {}", callId, e);
            end("error", CLOSE_INTERNAL_ERROR, "pipeline-error");
            return;
        }
        state = State.LIVE;
        log.info("call {} is live ({})", callId, channel);
        scheduleGuards();
        guarded(pipeline::start);
        while (state == State.LIVE && !startupBuffer.isEmpty()) {
            switch (startupBuffer.poll()) {
                case Buffered.Audio a -> guarded(() -> pipeline.onInboundAudio(a.frame()));
                case Buffered.Digit d -> guarded(() -> pipeline.onDtmf(d.digit()));
            }
        }
        bufferedFrames = 0;
        for (Injection injection : pendingInjections) {
            if (state == State.LIVE) {
                guarded(() -> pipeline.onInjection(injection));
            }
        }
        pendingInjections.clear();
    }

    private void buffer(byte[] frame) {
        if (services.startupBufferFrames() == 0) {
            services.metrics().frameDroppedAtStartup();
            return;
        }
        if (bufferedFrames >= services.startupBufferFrames()) {
            for (var it = startupBuffer.iterator(); it.hasNext(); ) {
                if (it.next() instanceof Buffered.Audio) {
                    it.remove();
                    bufferedFrames--;
                    services.metrics().frameDroppedAtStartup();
                    break;
                }
            }
        }
        startupBuffer.add(new Buffered.Audio(frame));
        bufferedFrames++;
    }

    private void scheduleGuards() {
        Duration max = services.maxCallDuration();
        maxDurationTimer = executor.schedule(() -> inMdc(() -> {
            log.info("call {} reached the maximum duration {}", callId, max);
            end("max-duration", CLOSE_NORMAL, "max-duration");
        }), max.toMillis(), TimeUnit.MILLISECONDS);
        long period = Math.max(10, Math.min(1000, services.silenceTimeout().toMillis() / 4));
        silenceTimer = executor.scheduleAtFixedRate(() -> inMdc(this::checkSilence), period, period, TimeUnit.MILLISECONDS);
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
            end("error", CLOSE_INTERNAL_ERROR, "pipeline-error");
            return;
        }
        Instant now = services.clock().instant();
        if (!idle) {
            idleSince = null;
        } else if (idleSince == null) {
            idleSince = now;
        } else if (Duration.between(idleSince, now).compareTo(services.silenceTimeout()) >= 0) {
            log.info("call {} silent for {}; ending it", callId, services.silenceTimeout());
            end("silence-timeout", CLOSE_NORMAL, "silence-timeout");
        }
    }

    private void guarded(Runnable pipelineCall) {
        try {
            pipelineCall.run();
        } catch (RuntimeException e) {
            log.error("pipeline of call {} failed", callId, e);
            services.metrics().rejected("pipeline-error");
            end("error", CLOSE_INTERNAL_ERROR, "pipeline-error");
        }
    }

    /**
     * Ends the call once: stops the pipeline, completes the call's log (after the pipeline's final
     * events), releases the admission, and has the endpoint close the transport.
     */
    public void end(String reason, int closeCode, String detail) {
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
        CompletionStage<Void> stopped = CompletableFuture.completedFuture(null);
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
            stopped.whenComplete((ignored, failure) -> executor.execute(() -> inMdc(() -> {
                events.complete(reason);
                services.calls().release(this);
                services.metrics().callEnded(reason);
                log.info("call {} ended: {}", callId, reason);
            })));
        }
        startupBuffer.clear();
        endpoint.close(reason, closeCode, detail);
    }

    /** Runs {@code action} with the call id in the logging MDC (and never leaves it behind). */
    public void inMdc(Runnable action) {
        if (callId.isEmpty()) {
            try {
                action.run();
            } finally {
                // admit() learns the call id half-way; never leave it behind on a shared event loop.
                MDC.remove("callId");
            }
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("callId", callId)) {
            action.run();
        }
    }
}
