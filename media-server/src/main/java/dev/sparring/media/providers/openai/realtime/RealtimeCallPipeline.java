package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.HeardText;
import dev.sparring.media.pipeline.Injection;
import dev.sparring.media.pipeline.PlayoutConfig;
import dev.sparring.media.pipeline.PlayoutPacer;
import dev.sparring.media.pipeline.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call whose prospect is an OpenAI Realtime speech-to-speech session: the caller's frames go to
 * the model in small batches, the model's audio deltas are played through the same paced playout
 * with marks as the streaming pipeline ({@link PlayoutPacer}) — on a phone call μ-law both ways,
 * never decoded — and the server's VAD decides turns.
 * When the server hears the rep start while the prospect is audible, the pipeline clears the far
 * end and truncates the model's item at exactly the position the echoed marks proved was heard,
 * so the model's memory of its own turn matches the caller's.
 *
 * <p>Owns the session ({@link RealtimeConnection}), the pacer, the audio converters, the input
 * timeline and all conversation state (current reply, history for replay after a reconnect,
 * pending injections). Every method runs on {@code ctx.executor()}; session callbacks re-enter
 * through that executor, so no state is shared across threads and nothing blocks.
 */
public final class RealtimeCallPipeline implements CallPipeline {
    private static final Logger log = LoggerFactory.getLogger(RealtimeCallPipeline.class);
    /** Wait before retrying a rate-limited response when the server names no time. */
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    private final CallContext ctx;
    private final RealtimeModel model;
    private final PlayoutPacer pacer;
    private final ModelAudio audio;
    private final InputTimeline timeline = new InputTimeline();
    private final SessionSetup setup;
    private final byte[] batch;
    private int batchFill;
    private RealtimeConnection session;

    private record Said(RealtimeClientEvents.Role role, String text) {}

    /** A response asked for (by us, or by the server's VAD) and not yet created. */
    private record Request(Optional<String> instructions, Optional<Long> repLastVoicedMs, Optional<Integer> turn,
                           boolean retry, List<Injection> injections) {}

    /** The prospect's reply in progress: one Realtime response. */
    private static final class Reply {
        final long epoch;
        final int turn;
        final String responseId;
        final Request request;
        final long createdMs;
        Optional<String> itemId = Optional.empty();
        int contentIndex;
        final StringBuilder generated = new StringBuilder();
        Optional<String> transcript = Optional.empty();
        double audioMs;
        boolean done;
        boolean retryWanted;
        Optional<Duration> retryAfter = Optional.empty();
        long firstDeltaMs = -1;
        long firstAudioMs = -1;

        Reply(long epoch, int turn, String responseId, Request request, long createdMs) {
            this.epoch = epoch;
            this.turn = turn;
            this.responseId = responseId;
            this.request = request;
            this.createdMs = createdMs;
        }

        String text() {
            return transcript.orElse(generated.toString()).strip();
        }
    }

    private final List<Said> history = new ArrayList<>();
    private final List<Injection> nextTurn = new ArrayList<>();
    private final List<Injection> afterBotTurn = new ArrayList<>();
    private final Map<String, Integer> repTurns = new HashMap<>();
    private final Map<String, Long> repStarts = new HashMap<>();
    private final Map<String, Long> repEnds = new HashMap<>();

    private long epoch;
    private int turnCounter;
    private long startMs;
    private boolean started;
    private boolean stopped;
    private boolean sessionLost;
    private boolean repSpeaking;
    private long speechStoppedAtMs = -1;
    private Optional<Request> pending = Optional.empty();
    private Reply reply;
    private ScheduledFuture<?> retryTimer;
    private long lastTruncateMs = -1;

    /**
     * @param model   the speech-to-speech model (an {@link OpenAiRealtimeModel} on the call's event loop)
     * @param playout the same pacing settings as the streaming pipeline
     */
    public RealtimeCallPipeline(CallContext ctx, RealtimeModel model, PlayoutConfig playout) {
        this.ctx = ctx;
        this.model = model;
        this.audio = new ModelAudio(ctx.transport().encoding());
        this.pacer = new PlayoutPacer(playout, ctx.transport(), ctx.clock(), ctx.executor(), new PacerEvents());
        String voice = ctx.session().persona().voiceFor("openai").orElse(model.config().defaultVoice());
        this.setup = new SessionSetup(ctx.callId(), ctx.session().prompt(), voice, ctx.transport().encoding(),
                ctx.session().script());
        int frameBytes = setup.pcmu() ? 160 : 960;
        this.batch = new byte[frameBytes * model.config().audioBatchFrames()];
    }

    // ---- CallPipeline -------------------------------------------------------------------------

    @Override
    public void start() {
        if (started) {
            return;
        }
        started = true;
        startMs = now();
        session = model.open(setup, new SessionEvents());
        String first = ctx.session().persona().firstMessage();
        if (!first.isBlank()) {
            request(new Request(Optional.of(greeting(first)), Optional.empty(), Optional.empty(), false, List.of()));
        }
    }

    /** The per-response instructions that make the model open with the persona's first line. */
    static String greeting(String firstMessage) {
        return "Open the call by saying exactly this, word for word, then wait for the caller: \"" + firstMessage + "\"";
    }

    @Override
    public void onInboundAudio(byte[] payload) {
        if (!started || stopped) {
            return;
        }
        long at = now();
        timeline.arrived(ctx.transport().encoding().millisOf(payload.length), at);
        byte[] converted = audio.toModel(payload);
        int offset = 0;
        while (offset < converted.length) {
            int take = Math.min(batch.length - batchFill, converted.length - offset);
            System.arraycopy(converted, offset, batch, batchFill, take);
            batchFill += take;
            offset += take;
            if (batchFill == batch.length) {
                session.appendAudio(batch.clone());
                batchFill = 0;
            }
        }
    }

    @Override
    public void onMarkPlayed(String name) {
        if (!stopped) {
            pacer.onMark(name);
        }
    }

    @Override
    public void onDtmf(String digit) {
        if (!stopped) {
            append("dtmf", "digit", digit, "at_ms", sinceStart(now()));
        }
    }

    @Override
    public void onInjection(Injection injection) {
        if (stopped) {
            return;
        }
        boolean curveball = "curveball".equals(injection.kind());
        switch (injection.timing()) {
            case "now" -> applyNow(injection, curveball);
            case "after-bot-turn" -> {
                if (reply != null) {
                    afterBotTurn.add(injection);
                } else {
                    applyNow(injection, curveball);
                }
            }
            default -> {
                note(injection);
                nextTurn.add(injection);
            }
        }
    }

    @Override
    public void stop(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        cancelRetry();
        if (reply != null) {
            Reply r = reply;
            reply = null;
            if (!r.done) {
                session.cancelResponse();
            }
            if (r.firstAudioMs >= 0) {
                double heardMs = pacer.clear();
                emitProspect(r, cut(r, heardMs), false, now());
            } else {
                pacer.clear();
            }
        }
        if (session != null) {
            session.close();
        }
        append("call.ended", "reason", reason, "at_ms", sinceStart(now()));
    }

    @Override
    public boolean idle() {
        return !repSpeaking && reply == null && pending.isEmpty() && retryTimer == null;
    }

    /** @return the {@code audio_end_ms} of the last truncate sent, or -1 (for tests and diagnostics) */
    long lastTruncateMs() {
        return lastTruncateMs;
    }

    // ---- injections ---------------------------------------------------------------------------

    private void applyNow(Injection injection, boolean curveball) {
        note(injection);
        if (!curveball) {
            applied(injection, turnCounter);
            return;
        }
        if (reply != null) {
            cutReply(reply, false);
        }
        request(new Request(Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(injection)));
    }

    /** The injection becomes a system message of the conversation (and of the replay history). */
    private void note(Injection injection) {
        String text = "curveball".equals(injection.kind())
                ? "Coach's curveball: work this into your very next reply, in character: " + injection.text()
                : "Context for the rest of the call: " + injection.text();
        session.addSystemMessage(text);
        history.add(new Said(RealtimeClientEvents.Role.SYSTEM, text));
    }

    private void applied(Injection injection, int turn) {
        append("injection.applied", "injection_id", injection.id(), "kind", injection.kind(),
                "text", injection.text(), "timing", injection.timing(), "turn", turn);
    }

    private void afterBotTurn() {
        if (afterBotTurn.isEmpty() || reply != null || stopped) {
            return;
        }
        List<Injection> due = new ArrayList<>(afterBotTurn);
        afterBotTurn.clear();
        List<Injection> curveballs = new ArrayList<>();
        for (Injection injection : due) {
            note(injection);
            if ("curveball".equals(injection.kind())) {
                curveballs.add(injection);
            } else {
                applied(injection, turnCounter);
            }
        }
        if (!curveballs.isEmpty()) {
            request(new Request(Optional.empty(), Optional.empty(), Optional.empty(), false, curveballs));
        }
    }

    // ---- responses ----------------------------------------------------------------------------

    private void request(Request request) {
        pending = Optional.of(request);
        session.createResponse(request.instructions());
    }

    private void onResponseCreated(String responseId) {
        if (reply != null) {
            if (reply.responseId.equals(responseId)) {
                return;
            }
            cutReply(reply, false);
        }
        Request request = pending.orElseGet(() -> new Request(Optional.empty(), Optional.empty(), Optional.empty(),
                false, List.of()));
        pending = Optional.empty();
        epoch++;
        int turn = request.turn().orElseGet(() -> ++turnCounter);
        Reply r = new Reply(epoch, turn, responseId, request, now());
        reply = r;
        pacer.begin(r.epoch);
        audio.resetOutput();
        if (!request.retry()) {
            request.injections().forEach(injection -> applied(injection, turn));
            nextTurn.forEach(injection -> applied(injection, turn));
            nextTurn.clear();
        }
    }

    private Optional<Reply> replyFor(String responseId) {
        return reply != null && reply.responseId.equals(responseId) ? Optional.of(reply) : Optional.empty();
    }

    private void onAudioDelta(RealtimeEvent.AudioDelta delta) {
        replyFor(delta.responseId()).ifPresent(r -> {
            if (r.firstDeltaMs < 0) {
                r.firstDeltaMs = now();
            }
            r.itemId = Optional.of(delta.itemId());
            r.contentIndex = delta.contentIndex();
            r.audioMs += audio.millisOf(delta.audio().length);
            pacer.enqueue(r.epoch, audio.toPlayout(delta.audio()), audio.playoutEncoding());
        });
    }

    private void onResponseDone(RealtimeEvent.ResponseDone done) {
        done.error().ifPresent(this::serverError);
        Optional<Reply> found = replyFor(done.responseId());
        if (found.isEmpty()) {
            return;
        }
        Reply r = found.get();
        r.done = true;
        boolean silent = r.audioMs == 0;
        boolean retryable = r.retryWanted || done.error().map(RealtimeEvent.ServerError::retryable).orElse(false);
        if (!done.completed() && silent && retryable && !r.request.retry()) {
            Duration wait = done.error().flatMap(RealtimeEvent.ServerError::retryAfter)
                    .or(() -> r.retryAfter).orElse(r.retryWanted ? Duration.ZERO : DEFAULT_RETRY_DELAY);
            Request again = new Request(r.request.instructions(), r.request.repLastVoicedMs(), Optional.of(r.turn), true,
                    List.of());
            retryTimer = ctx.executor().schedule(() -> {
                retryTimer = null;
                if (!stopped && reply == null && !sessionLost) {
                    request(again);
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        pacer.end(r.epoch);
    }

    private final class PacerEvents implements PlayoutPacer.Listener {
        @Override
        public void onFirstAudio(long e, long atMs) {
            Reply r = reply;
            if (r == null || r.epoch != e) {
                return;
            }
            r.firstAudioMs = atMs;
            r.request.repLastVoicedMs().ifPresent(lastVoiced -> {
                Map<String, Object> stages = new LinkedHashMap<>();
                if (speechStoppedAtMs >= 0) {
                    stages.put("vad_end_of_turn_ms", speechStoppedAtMs - lastVoiced);
                }
                stages.put("response_created_ms", r.createdMs - lastVoiced);
                stages.put("first_audio_delta_ms", r.firstDeltaMs - lastVoiced);
                append("turn.latency", "turn", r.turn, "eos_to_first_audio_ms", atMs - lastVoiced, "stages", stages,
                        "server_ms", atMs - r.firstDeltaMs);
            });
        }

        @Override
        public void onPlayedOut(long e, long atMs) {
            Reply r = reply;
            if (r == null || r.epoch != e) {
                return;
            }
            reply = null;
            String text = r.text();
            if (r.firstAudioMs >= 0 && !text.isEmpty()) {
                emitProspect(r, text, false, atMs);
                history.add(new Said(RealtimeClientEvents.Role.ASSISTANT, text));
            }
            afterBotTurn();
        }
    }

    // ---- the rep and barge-in -----------------------------------------------------------------

    private void onSpeechStarted(RealtimeEvent.SpeechStarted started) {
        repSpeaking = true;
        pending = pending.filter(p -> p.repLastVoicedMs().isEmpty());
        repStarts.put(started.itemId(), timeline.callTimeOf(started.audioStartMs(), now()));
        Reply r = reply;
        if (r == null) {
            return;
        }
        if (r.firstAudioMs >= 0 && (pacer.speaking() || pacer.paused())) {
            interrupt(r);
        } else if (r.firstAudioMs < 0) {
            // The rep went on before the prospect made a sound: the server dropped that response; so do we.
            dropSilent(r);
        }
    }

    private void onSpeechStopped(RealtimeEvent.SpeechStopped stopped) {
        repSpeaking = false;
        long lastVoiced = timeline.callTimeOf(stopped.audioEndMs(), now());
        repEnds.put(stopped.itemId(), lastVoiced);
        speechStoppedAtMs = now();
        // With turn detection the server answers on its own; this is the request that answer belongs to.
        pending = Optional.of(new Request(Optional.empty(), Optional.of(lastVoiced), Optional.empty(), false, List.of()));
    }

    private void onRepTranscript(String itemId, String text, boolean recognised) {
        int turn = Optional.ofNullable(repTurns.remove(itemId)).orElseGet(() -> ++turnCounter);
        long start = Optional.ofNullable(repStarts.remove(itemId)).orElse(now());
        long end = Optional.ofNullable(repEnds.remove(itemId)).orElse(now());
        String said = text.strip();
        append("utterance", "speaker", "rep", "turn", turn, "text", said, "start_ms", sinceStart(start),
                "end_ms", sinceStart(Math.max(start, end)), "recognised", recognised && !said.isEmpty(),
                "interrupted", false, "generated_text", said);
        if (!said.isEmpty()) {
            history.add(new Said(RealtimeClientEvents.Role.USER, said));
        }
    }

    /** A real interruption: clear the far end, cut the model's item to what was heard, log it. */
    private void interrupt(Reply r) {
        long at = now();
        double heardMs = cutReply(r, true);
        append("barge_in", "turn", r.turn, "at_ms", sinceStart(at), "heard_ms", Math.round(heardMs));
    }

    /** Ends a reply early: clear, truncate at the heard position, utterance as heard; returns heard ms. */
    private double cutReply(Reply r, boolean byRep) {
        long at = now();
        epoch++;
        reply = null;
        // On a barge-in the server's turn detection (interrupt_response) already stopped generation.
        if (!r.done && !byRep) {
            session.cancelResponse();
        }
        double heardMs = pacer.clear();
        audio.resetOutput();
        long audioEndMs = Math.min(Math.round(heardMs), (long) Math.floor(r.audioMs));
        r.itemId.ifPresent(item -> truncate(item, r.contentIndex, audioEndMs));
        String heard = cut(r, heardMs);
        emitProspect(r, heard, true, at);
        if (!heard.isBlank()) {
            history.add(new Said(RealtimeClientEvents.Role.ASSISTANT, heard));
        }
        return heardMs;
    }

    private void dropSilent(Reply r) {
        epoch++;
        reply = null;
        if (pacer.active()) {
            pacer.clear();
        }
        audio.resetOutput();
        r.itemId.ifPresent(item -> truncate(item, r.contentIndex, 0));
    }

    private void truncate(String itemId, int contentIndex, long audioEndMs) {
        lastTruncateMs = audioEndMs;
        session.truncate(itemId, contentIndex, audioEndMs);
    }

    private static String cut(Reply r, double heardMs) {
        return HeardText.cut(List.of(new HeardText.Segment(r.text(), 0, r.audioMs)), heardMs);
    }

    // ---- failures and reconnects --------------------------------------------------------------

    private void serverError(RealtimeEvent.ServerError error) {
        providerError(new ProviderException(RealtimeMetrics.PROVIDER, error.kind(),
                error.code() + ": " + error.message(), error.retryable()));
    }

    private void onServerErrorEvent(RealtimeEvent.ServerError error) {
        serverError(error);
        // A refused response.create (no response was created): ask once more after the hinted wait.
        if (error.kind().equals("rate-limited") && reply == null && pending.isPresent() && !pending.get().retry()) {
            Request p = pending.get();
            Request again = new Request(p.instructions(), p.repLastVoicedMs(), p.turn(), true, p.injections());
            long wait = error.retryAfter().orElse(DEFAULT_RETRY_DELAY).toMillis();
            retryTimer = ctx.executor().schedule(() -> {
                retryTimer = null;
                if (!stopped && reply == null && !sessionLost) {
                    request(again);
                }
            }, wait, TimeUnit.MILLISECONDS);
        }
    }

    private void onSessionError(ProviderException error) {
        providerError(error);
        switch (error.kind()) {
            case "timeout" -> {
                if (reply != null && reply.audioMs == 0) {
                    reply.retryWanted = true;
                } else if (reply == null && pending.isPresent() && !pending.get().retry()) {
                    Request p = pending.get();
                    request(new Request(p.instructions(), p.repLastVoicedMs(), p.turn(), true, p.injections()));
                }
            }
            case "dropped" -> {
                if (reply != null) {
                    Reply r = reply;
                    cutReply(r, false);
                    if (!r.done) {
                        pending = Optional.of(new Request(Optional.empty(), Optional.empty(), Optional.of(r.turn), true,
                                List.of()));
                    }
                }
                repSpeaking = false;
            }
            case "auth", "request", "gave-up" -> sessionLost = true;
            default -> { }
        }
    }

    /** The new server session knows nothing: replay the conversation, then answer if an answer is owed. */
    private void onReconnected() {
        timeline.newSession();
        batchFill = 0;
        for (Said said : history) {
            switch (said.role()) {
                case SYSTEM -> session.addSystemMessage(said.text());
                case USER -> session.addUserMessage(said.text());
                case ASSISTANT -> session.addAssistantMessage(said.text());
            }
        }
        if (pending.isPresent() && reply == null) {
            session.createResponse(pending.get().instructions());
        }
    }

    private void providerError(ProviderException error) {
        log.warn("call {} realtime {} failed ({}): {}", ctx.callId(), error.provider(), error.kind(), error.getMessage());
        append("provider.error", "provider", error.provider(), "kind", error.kind(),
                "message", String.valueOf(error.getMessage()), "retryable", error.retryable());
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private void onEvent(RealtimeEvent event) {
        switch (event) {
            case RealtimeEvent.SpeechStarted s -> onSpeechStarted(s);
            case RealtimeEvent.SpeechStopped s -> onSpeechStopped(s);
            case RealtimeEvent.Committed c -> repTurns.put(c.itemId(), ++turnCounter);
            case RealtimeEvent.InputTranscript t -> onRepTranscript(t.itemId(), t.transcript(), true);
            case RealtimeEvent.InputTranscriptFailed f -> {
                providerError(new ProviderException(RealtimeMetrics.PROVIDER, "transcription", f.message(), false));
                onRepTranscript(f.itemId(), "", false);
            }
            case RealtimeEvent.ResponseCreated c -> onResponseCreated(c.responseId());
            case RealtimeEvent.AudioDelta d -> onAudioDelta(d);
            case RealtimeEvent.TranscriptDelta d -> replyFor(d.responseId()).ifPresent(r -> r.generated.append(d.delta()));
            case RealtimeEvent.TranscriptDone d ->
                    replyFor(d.responseId()).ifPresent(r -> r.transcript = Optional.of(d.transcript()));
            case RealtimeEvent.ResponseDone d -> onResponseDone(d);
            case RealtimeEvent.ServerError e -> onServerErrorEvent(e);
            case RealtimeEvent.Truncated t -> log.debug("call {} realtime item {} truncated at {} ms", ctx.callId(),
                    t.itemId(), t.audioEndMs());
            case RealtimeEvent.SessionReady s -> log.debug("call {} realtime {}", ctx.callId(), s.type());
            case RealtimeEvent.Other o -> { }
        }
    }

    private void emitProspect(Reply r, String heard, boolean interrupted, long endMs) {
        long start = r.firstAudioMs >= 0 ? r.firstAudioMs : endMs;
        append("utterance", "speaker", "prospect", "turn", r.turn, "text", heard,
                "start_ms", sinceStart(start), "end_ms", sinceStart(endMs), "recognised", true,
                "interrupted", interrupted, "generated_text", r.text());
    }

    private void append(String type, Object... keyValues) {
        ctx.events().appendFields(type, keyValues);
    }

    private void cancelRetry() {
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
    }

    private long now() {
        return ctx.clock().millis();
    }

    private long sinceStart(long atMs) {
        return Math.max(0, atMs - startMs);
    }

    /** Session callbacks, re-entering the call's executor. */
    private final class SessionEvents implements RealtimeListener {
        @Override
        public void onEvent(RealtimeEvent event) {
            reenter(() -> RealtimeCallPipeline.this.onEvent(event));
        }

        @Override
        public void onError(ProviderException error) {
            reenter(() -> onSessionError(error));
        }

        @Override
        public void onReconnected() {
            reenter(RealtimeCallPipeline.this::onReconnected);
        }

        private void reenter(Runnable action) {
            ctx.executor().execute(() -> {
                if (!stopped) {
                    action.run();
                }
            });
        }
    }
}
