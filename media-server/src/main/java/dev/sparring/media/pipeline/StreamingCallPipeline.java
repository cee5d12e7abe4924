package dev.sparring.media.pipeline;

import dev.sparring.media.pipeline.Frame.BotStartedSpeaking;
import dev.sparring.media.pipeline.Frame.BotStoppedSpeaking;
import dev.sparring.media.pipeline.Frame.DataFrame;
import dev.sparring.media.pipeline.Frame.Dtmf;
import dev.sparring.media.pipeline.Frame.InjectionReceived;
import dev.sparring.media.pipeline.Frame.InputAudio;
import dev.sparring.media.pipeline.Frame.Interruption;
import dev.sparring.media.pipeline.Frame.LlmDone;
import dev.sparring.media.pipeline.Frame.LlmToken;
import dev.sparring.media.pipeline.Frame.ProviderError;
import dev.sparring.media.pipeline.Frame.ReplyError;
import dev.sparring.media.pipeline.Frame.TtsAudio;
import dev.sparring.media.pipeline.Frame.TtsDone;
import dev.sparring.media.pipeline.Frame.TtsWords;
import dev.sparring.media.pipeline.Frame.UserEndOfSpeech;
import dev.sparring.media.pipeline.Frame.UserStartedSpeaking;
import dev.sparring.media.pipeline.Frame.UserStoppedSpeaking;
import dev.sparring.media.pipeline.Frame.UserTranscript;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.media.pipeline.audio.FrameVad;
import dev.sparring.media.pipeline.audio.InboundAudio;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-call streaming pipeline: VAD → user turns → STT finals → LLM stream → clauses → TTS →
 * paced playout, with barge-in, false-interruption resume, injections and the call's events.
 *
 * <p>Owns all per-call conversation state (history, context notes, pending injections, the current
 * user turn, the current {@link BotReply}, the {@link PlayoutPacer}), the recogniser stream, and
 * the inbound audio path (one {@link InboundAudio} with its resampler, one {@link FrameVad}).
 * Every method runs on {@code ctx.executor()}; provider callbacks are turned into frames and
 * re-enter through that executor, so no state is shared across threads and nothing blocks.
 *
 * <p>Cloud capabilities are used when the providers offer them: a {@link SpeechToText.Finalizing}
 * recogniser is told to finalise at the rep's end of turn and on a barge-in, and at hang-up is
 * closed gracefully so its last final still becomes an utterance before {@code call.ended}
 * (waiting at most {@link PipelineConfig#sttFlushTimeoutMs()}, in a callback, never blocking); a
 * voice whose audio is already in the transport's encoding is played untouched; word timings
 * ({@link TextToSpeech.TimedListener}) cut an interrupted reply at the last word heard in full.
 *
 * <p>{@code turn.latency} tells each reply's latency story from the rep's last voiced frame
 * ({@code since_eos_ms}: {@link PipelineMetrics#STAGES}) and the server's own share
 * ({@code server_ms}: turn end → LLM request sent, plus TTS first audio → first frame sent),
 * stamped in microseconds when each provider callback arrived.
 */
public final class StreamingCallPipeline implements CallPipeline {
    private static final Logger log = LoggerFactory.getLogger(StreamingCallPipeline.class);

    private final CallContext ctx;
    private final TurnTakingConfig turnConfig;
    private final SpeechToText stt;
    private final LanguageModel llm;
    private final TextToSpeech tts;
    private final String voice;
    private final PipelineMetrics metrics;
    private final FrameVad vad;
    private final InboundAudio inbound;
    private final PlayoutPacer pacer;
    private final String systemPrompt;
    private final AudioEncoding ttsEncoding;
    private final int sttFlushTimeoutMs;
    private SpeechToText.Stream sttStream;
    private final CompletableFuture<Void> stoppedFuture = new CompletableFuture<>();
    private ScheduledFuture<?> flushTimer;
    /** When the event being handled arrived (µs of the call's clock): a provider callback, an inbound frame, a timer. */
    private long eventUs;
    /** Onset of the rep's speech that made the current barge-in candidate, and whether its clear went out. */
    private long bargeOnsetMs;
    private boolean bargeReacted;

    private final List<LanguageModel.Message> history = new ArrayList<>();
    private final List<String> context = new ArrayList<>();
    private final Deque<Injection> nextTurnInjections = new ArrayDeque<>();
    private final Deque<Injection> afterBotTurnInjections = new ArrayDeque<>();

    private long epoch;
    private int turnCounter;
    private long startMs;
    private boolean started;
    /** stop() was called: no more input; late recogniser finals are still collected. */
    private boolean stopping;
    /** The stop sequence finished and call.ended was appended. */
    private boolean stopped;

    // The rep's speech, by VAD.
    private boolean userSpeaking;
    private int candidateMs;
    private int voicedMs;
    private long lastVoicedMs = -1;
    /**
     * Audio received since the rep's last voiced frame, counted in the audio's own time (20 ms a
     * frame), not by the wall clock: frames that arrive late in a burst (network jitter, a stalled
     * sender) must not turn a pause between the rep's sentences into the end of the turn.
     */
    private int silenceMs;

    // The rep's turn being assembled.
    private boolean userTurnOpen;
    private long userTurnStartMs;
    private boolean userTurnEnded;
    private final StringBuilder userText = new StringBuilder();
    private String interim = "";
    private boolean anyFinal;
    private boolean userRecognised;
    private long lastFinalMs = -1;
    private long lastFinalUs = -1;
    private boolean endOfSpeechSignalled;
    private ScheduledFuture<?> turnWait;

    // Speech that began while the prospect was talking, not yet judged.
    private boolean bargeCandidate;

    private BotReply reply;

    public StreamingCallPipeline(CallContext ctx, PipelineConfig config, SpeechToText stt, LanguageModel llm,
                                 TextToSpeech tts, String voice, PipelineMetrics metrics) {
        this.ttsEncoding = tts.outputEncoding();
        if (ttsEncoding != AudioEncoding.PCM16_16K && ttsEncoding != ctx.transport().encoding()) {
            throw new PipelineException("the pipeline plays TTS audio of PCM16 16 kHz or of the transport's "
                    + ctx.transport().encoding() + ", not " + ttsEncoding);
        }
        this.ctx = ctx;
        this.sttFlushTimeoutMs = config.sttFlushTimeoutMs();
        this.turnConfig = config.turnTaking();
        this.stt = stt;
        this.llm = llm;
        this.tts = tts;
        this.voice = voice;
        this.metrics = metrics;
        this.vad = new FrameVad();
        this.inbound = new InboundAudio(ctx.transport().encoding());
        this.systemPrompt = ctx.session().prompt();
        this.pacer = new PlayoutPacer(config.playout(), ctx.transport(), ctx.clock(), ctx.executor(), new PacerEvents());
    }

    // ---- CallPipeline -------------------------------------------------------------------------

    @Override
    public void start() {
        if (started) {
            return;
        }
        started = true;
        startMs = now();
        sttStream = stt.open(new SttEvents());
        startReply(Optional.empty(), List.of(), Optional.of(ctx.session().persona().firstMessage()));
    }

    @Override
    public void onInboundAudio(byte[] payload) {
        if (!started || stopping) {
            return;
        }
        eventUs = nowUs();
        // A recogniser that takes the transport's encoding gets the payload as it came; then PCM
        // only feeds the VAD, which needs levels, not a resampled signal.
        boolean passThrough = stt.inputEncoding() == ctx.transport().encoding();
        short[] pcm = passThrough ? inbound.forLevels(payload) : inbound.toPcm16k(payload);
        boolean voiced = vad.voiced(pcm);
        sttStream.sendAudio(passThrough ? payload : PcmBytes.toBytes(pcm));
        dispatch(new InputAudio(pcm, voiced, now()));
    }

    @Override
    public void onMarkPlayed(String name) {
        if (!stopping) {
            pacer.onMark(name);
        }
    }

    @Override
    public void onDtmf(String digit) {
        if (!stopping) {
            dispatch(new Dtmf(digit));
        }
    }

    @Override
    public void onInjection(Injection injection) {
        if (!stopping) {
            dispatch(new InjectionReceived(injection));
        }
    }

    /**
     * Cuts the prospect's reply to what was heard, then lets the recogniser deliver its last
     * results: a {@link SpeechToText.Finalizing} stream is closed gracefully and the sequence goes
     * on in its future's callback on the executor, or after {@link PipelineConfig#sttFlushTimeoutMs()}
     * without it; the rep's last utterance and {@code call.ended} follow. {@link #stopped()}
     * completes then.
     */
    @Override
    public void stop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        cancelTurnWait();
        if (reply != null) {
            BotReply r = reply;
            reply = null;
            r.cancel();
            if (r.firstAudioMs >= 0) {
                emitProspectUtterance(r, HeardText.cut(r.segments(), pacer.heardMs()), false, now());
            }
        }
        if (sttStream instanceof SpeechToText.Finalizing finalizing) {
            CompletableFuture<Void> flushed = finalizing.closeGracefully();
            flushTimer = ctx.executor().schedule(() -> finishStop(reason, true), sttFlushTimeoutMs, TimeUnit.MILLISECONDS);
            flushed.whenComplete((ignored, error) -> ctx.executor().execute(() -> finishStop(reason, false)));
        } else {
            finishStop(reason, false);
        }
    }

    private void finishStop(String reason, boolean timedOut) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        if (timedOut) {
            log.warn("call {}: the recogniser's last results did not come within {} ms; ending without them",
                    ctx.callId(), sttFlushTimeoutMs);
        }
        if (sttStream != null) {
            sttStream.close();
        }
        if (userTurnOpen && anyFinal) {
            emitRepUtterance(++turnCounter, userText.toString().strip(), userRecognised);
        }
        append("call.ended", "reason", reason, "at_ms", sinceStart(now()));
        stoppedFuture.complete(null);
    }

    @Override
    public CompletionStage<Void> stopped() {
        return stoppedFuture;
    }

    /** A final that arrived while stopping: it joins the rep's open turn (or opens one) for the last utterance. */
    private void lateFinal(UserTranscript t) {
        if (!userTurnOpen) {
            userTurnOpen = true;
            userTurnStartMs = lastVoicedMs >= 0 ? lastVoicedMs : now();
        }
        appendFinal(t);
    }

    private void finalizeStt() {
        if (sttStream instanceof SpeechToText.Finalizing finalizing) {
            finalizing.finalizeNow();
        }
    }

    /**
     * Idle means: the rep is not speaking, no rep turn is being assembled, and the prospect is
     * neither generating nor playing a reply. The silence-timeout guard counts only idle time.
     */
    @Override
    public boolean idle() {
        return !userSpeaking && !userTurnOpen && reply == null;
    }

    // ---- frames -------------------------------------------------------------------------------

    private void dispatch(Frame frame) {
        if (frame instanceof DataFrame data && (data.epoch() != epoch || reply == null)) {
            metrics.droppedFrame();
            return;
        }
        switch (frame) {
            case InputAudio audio -> onAudio(audio);
            case UserStartedSpeaking s -> onUserStarted(s.atMs());
            case UserStoppedSpeaking s -> onUserStopped(s.lastVoicedMs());
            case UserTranscript t -> onTranscript(t);
            case UserEndOfSpeech e -> onEndOfSpeech();
            case Interruption i -> log.debug("call {} interrupted, epoch {}", ctx.callId(), i.newEpoch());
            case BotStartedSpeaking b -> log.debug("call {} prospect speaking, epoch {}", ctx.callId(), b.epoch());
            case BotStoppedSpeaking b -> afterBotTurn();
            case ProviderError e -> providerError(e.error());
            case Dtmf d -> append("dtmf", "digit", d.digit(), "at_ms", sinceStart(now()));
            case InjectionReceived i -> injection(i.injection());
            case LlmToken t -> onToken(t.text());
            case LlmDone d -> onLlmDone();
            case TtsAudio a -> onTtsAudio(a);
            case TtsWords w -> reply.words(w.segment(), w.words());
            case TtsDone d -> onTtsDone(d.segment());
            case ReplyError e -> onReplyError(e.error());
        }
    }

    // ---- the rep ------------------------------------------------------------------------------

    private void onAudio(InputAudio frame) {
        int frameMs = frame.pcm().length / 16;
        if (frame.voiced()) {
            lastVoicedMs = frame.atMs();
            silenceMs = 0;
            if (userSpeaking) {
                voicedMs += frameMs;
            } else {
                candidateMs += frameMs;
                if (candidateMs >= turnConfig.speechStartMs()) {
                    userSpeaking = true;
                    voicedMs = candidateMs;
                    dispatch(new UserStartedSpeaking(frame.atMs() - candidateMs + frameMs));
                }
            }
        } else if (!userSpeaking) {
            candidateMs = 0;
        } else if ((silenceMs += frameMs) >= turnConfig.endOfTurnSilenceMs()) {
            userSpeaking = false;
            candidateMs = 0;
            dispatch(new UserStoppedSpeaking(lastVoicedMs));
        }
        if (bargeCandidate) {
            judgeBargeIn();
        }
    }

    private void onUserStarted(long atMs) {
        cancelTurnWait();
        if (!userTurnOpen) {
            userTurnOpen = true;
            userTurnStartMs = atMs;
            userText.setLength(0);
            interim = "";
            anyFinal = false;
            userRecognised = false;
            lastFinalMs = -1;
            lastFinalUs = -1;
        }
        userTurnEnded = false;
        endOfSpeechSignalled = false;
        if (reply != null) {
            if (pacer.speaking() || pacer.paused()) {
                if (!bargeCandidate) {
                    bargeOnsetMs = atMs;
                    bargeReacted = pacer.paused();
                }
                bargeCandidate = true;
            } else if (reply.firstAudioMs < 0) {
                // The rep went on talking before the prospect made a sound: drop that reply quietly.
                dropSilentReply();
            }
        }
    }

    private void onUserStopped(long lastVoiced) {
        // The rep fell silent: have the recogniser finalise now rather than after its endpointing.
        finalizeStt();
        userTurnEnded = true;
        turnMayBeComplete();
    }

    private void onEndOfSpeech() {
        if (userTurnOpen) {
            endOfSpeechSignalled = true;
            userTurnEnded = true;
            turnMayBeComplete();
        }
    }

    private void onTranscript(UserTranscript t) {
        if (!userTurnOpen) {
            // A transcript with no VAD speech (a quiet word): open the turn at its arrival.
            userTurnOpen = true;
            userTurnStartMs = lastVoicedMs >= 0 ? lastVoicedMs : now();
            userTurnEnded = !userSpeaking;
        }
        if (t.isFinal()) {
            appendFinal(t);
        } else {
            interim = t.text();
        }
        if (bargeCandidate) {
            judgeBargeIn();
        }
        turnMayBeComplete();
    }

    private void appendFinal(UserTranscript t) {
        if (!t.text().isBlank()) {
            if (!userText.isEmpty()) {
                userText.append(' ');
            }
            userText.append(t.text().strip());
        }
        anyFinal = true;
        userRecognised |= t.recognised();
        lastFinalMs = now();
        lastFinalUs = eventUs;
        interim = "";
    }

    private String hypothesis() {
        return interim.isBlank() ? userText.toString() : userText + " " + interim;
    }

    private boolean finalCoversSpeech() {
        return anyFinal && (endOfSpeechSignalled || lastFinalMs >= lastVoicedMs);
    }

    private void turnMayBeComplete() {
        if (!userTurnEnded || userSpeaking && !endOfSpeechSignalled) {
            return;
        }
        if (bargeCandidate) {
            judgeBargeIn();
            if (bargeCandidate) {
                String hyp = hypothesis();
                if (finalCoversSpeech() && !hyp.isBlank() && isBackchannel(hyp)) {
                    ignoreBackchannel();
                } else if (turnWait == null) {
                    long wait = Math.max(1, lastVoicedMs + turnConfig.falseInterruptionTimeoutMs() - now());
                    turnWait = ctx.executor().schedule(this::turnWaitExpired, wait, TimeUnit.MILLISECONDS);
                }
            }
            if (bargeCandidate || !userTurnOpen) {
                return;
            }
        }
        if (finalCoversSpeech()) {
            completeUserTurn();
        } else if (turnWait == null) {
            turnWait = ctx.executor().schedule(this::turnWaitExpired, turnConfig.finalTranscriptWaitMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void turnWaitExpired() {
        turnWait = null;
        if (stopping || !userTurnOpen || userSpeaking) {
            return;
        }
        eventUs = nowUs();
        if (bargeCandidate) {
            // The speech never became words or a turn: a false interruption, the prospect carries on.
            bargeCandidate = false;
            if (pacer.paused()) {
                metrics.falseInterruption();
                pacer.resume();
            }
            closeUserTurn();
        } else if (anyFinal) {
            completeUserTurn();
        } else {
            closeUserTurn();
        }
    }

    private void completeUserTurn() {
        cancelTurnWait();
        String text = userText.toString().strip();
        boolean recognised = userRecognised && !text.isEmpty();
        long readyUs = eventUs;
        Optional<Long> sttFinalUs = lastFinalUs >= 0 ? Optional.of(lastFinalUs) : Optional.empty();
        long lastVoiced = lastVoicedMs;
        int turn = ++turnCounter;
        emitRepUtterance(turn, text, recognised);
        closeUserTurn();
        history.add(LanguageModel.Message.user(text, recognised));
        if (reply != null) {
            dropSilentReply();
        }
        List<Injection> injections = new ArrayList<>(nextTurnInjections);
        nextTurnInjections.clear();
        startReply(Optional.of(lastVoiced), sttFinalUs, injections, Optional.empty(), readyUs);
    }

    private void closeUserTurn() {
        cancelTurnWait();
        userTurnOpen = false;
        userTurnEnded = false;
        endOfSpeechSignalled = false;
        userText.setLength(0);
        interim = "";
        anyFinal = false;
        userRecognised = false;
        lastFinalUs = -1;
    }

    // ---- barge-in -----------------------------------------------------------------------------

    private boolean isBackchannel(String text) {
        return Phrases.wordCount(text) > 0 && Phrases.wordsExcluding(text, turnConfig.backchannels()) == 0;
    }

    /** Decides whether speech during the prospect's turn pauses it, interrupts it, or is ignored. */
    private void judgeBargeIn() {
        if (reply == null || !(pacer.speaking() || pacer.paused())) {
            bargeCandidate = false;
            return;
        }
        String hyp = hypothesis();
        if (!hyp.isBlank() && isBackchannel(hyp)) {
            if (pacer.paused()) {
                pacer.resume();
            }
            return;
        }
        if (voicedMs < turnConfig.bargeInMinSpeechMs()) {
            return;
        }
        boolean unrecognisedFinal = anyFinal && !userRecognised && userText.isEmpty();
        if (Phrases.wordsExcluding(hyp, turnConfig.backchannels()) >= turnConfig.bargeInMinWords() || unrecognisedFinal) {
            bargeInReacted();
            interrupt();
        } else if (!pacer.paused()) {
            bargeInReacted();
            pacer.pause();
        }
    }

    /** The clear for this speech over the prospect is about to go out: its reaction time, once per speech. */
    private void bargeInReacted() {
        if (!bargeReacted) {
            bargeReacted = true;
            metrics.bargeInReaction(Math.max(0, now() - bargeOnsetMs));
        }
    }

    private void ignoreBackchannel() {
        metrics.backchannel();
        bargeCandidate = false;
        emitRepUtterance(++turnCounter, userText.toString().strip(), true);
        closeUserTurn();
    }

    /** A real interruption, in order: epoch, cancel LLM/TTS, drop audio + clear, cut to heard, events. */
    private void interrupt() {
        BotReply r = reply;
        long at = now();
        cutReply(r, true);
        // The rep is talking over the prospect: get their words so far final at once.
        finalizeStt();
        bargeCandidate = false;
        metrics.bargeIn();
        dispatch(new Interruption(epoch, at));
    }

    private void cutReply(BotReply r, boolean byRep) {
        long at = now();
        epoch++;
        reply = null;
        r.cancel();
        double heardMs = pacer.clear();
        String heard = HeardText.cut(r.segments(), heardMs);
        if (byRep) {
            append("barge_in", "turn", r.turn, "at_ms", sinceStart(at), "heard_ms", Math.round(heardMs));
        }
        emitProspectUtterance(r, heard, true, at);
        if (!heard.isBlank()) {
            history.add(LanguageModel.Message.assistant(heard));
        }
    }

    private void dropSilentReply() {
        BotReply r = reply;
        epoch++;
        reply = null;
        r.cancel();
        pacer.clear();
    }

    // ---- the prospect -------------------------------------------------------------------------

    private void startReply(Optional<Long> repLastVoiced, List<Injection> injections, Optional<String> fixedText) {
        startReply(repLastVoiced, Optional.empty(), injections, fixedText, nowUs());
    }

    private void startReply(Optional<Long> repLastVoiced, Optional<Long> sttFinalUs, List<Injection> injections,
                            Optional<String> fixedText, long readyUs) {
        epoch++;
        BotReply r = new BotReply(epoch, ++turnCounter, repLastVoiced, sttFinalUs, readyUs);
        reply = r;
        pacer.begin(r.epoch);
        Optional<String> curveball = Optional.empty();
        for (Injection injection : injections) {
            if ("curveball".equals(injection.kind())) {
                curveball = Optional.of(curveball.map(c -> c + " ").orElse("") + injection.text());
            } else {
                context.add(injection.text());
            }
            applied(injection, r.turn);
        }
        if (fixedText.isPresent()) {
            onToken(fixedText.get());
            onLlmDone();
            return;
        }
        r.llmRequestUs = nowUs();
        long e = r.epoch;
        LanguageModel.Request request = new LanguageModel.Request(systemPrompt, history, context, curveball);
        r.generation = Optional.of(llm.generate(request, new LanguageModel.Listener() {
            @Override
            public void onToken(String text) {
                reenter(new LlmToken(e, text));
            }

            @Override
            public void onComplete() {
                reenter(new LlmDone(e));
            }

            @Override
            public void onError(ProviderException error) {
                reenter(new ReplyError(e, error));
            }
        }));
    }

    private void onToken(String text) {
        BotReply r = reply;
        if (r.llmFirstTokenUs < 0) {
            r.llmFirstTokenUs = eventUs;
        }
        r.generated.append(text);
        for (String clause : r.splitter.add(text)) {
            synthesize(r, clause);
        }
    }

    private void onLlmDone() {
        BotReply r = reply;
        for (String clause : r.splitter.flush()) {
            synthesize(r, clause);
        }
        r.llmDone = true;
        forward(r);
    }

    private void synthesize(BotReply r, String text) {
        int clause = r.addClause(text);
        if (r.ttsFirstRequestUs < 0) {
            r.ttsFirstRequestUs = nowUs();
        }
        long e = r.epoch;
        r.synthesis(clause, tts.synthesize(text, voice, new TextToSpeech.TimedListener() {
            @Override
            public void onAudio(byte[] audio) {
                reenter(new TtsAudio(e, clause, audio, ttsEncoding));
            }

            @Override
            public void onWordTimings(List<TextToSpeech.WordTiming> words) {
                reenter(new TtsWords(e, clause, words));
            }

            @Override
            public void onComplete() {
                reenter(new TtsDone(e, clause));
            }

            @Override
            public void onError(ProviderException error) {
                reenter(new ReplyError(e, error));
            }
        }));
    }

    private void onTtsAudio(TtsAudio audio) {
        BotReply r = reply;
        if (r.ttsFirstAudioUs < 0) {
            r.ttsFirstAudioUs = eventUs;
        }
        r.audio(audio.segment(), audio.audio(), audio.encoding());
        forward(r);
    }

    private void onTtsDone(int segment) {
        reply.clauseDone(segment);
        forward(reply);
    }

    private void forward(BotReply r) {
        r.forward(chunk -> pacer.enqueue(r.epoch, chunk.audio(), chunk.encoding()));
        if (r.complete() && reply == r) {
            pacer.end(r.epoch);
        }
    }

    private void onReplyError(ProviderException error) {
        providerError(error);
        BotReply r = reply;
        r.cancel();
        r.abandon();
        forward(r);
    }

    private void providerError(ProviderException error) {
        metrics.providerError();
        log.warn("call {} provider {} failed ({}): {}", ctx.callId(), error.provider(), error.kind(), error.getMessage());
        append("provider.error", "provider", error.provider(), "kind", error.kind(),
                "message", String.valueOf(error.getMessage()), "retryable", error.retryable());
    }

    private final class PacerEvents implements PlayoutPacer.Listener {
        @Override
        public void onFirstAudio(long e, long atMs) {
            BotReply r = reply;
            if (r == null || r.epoch != e) {
                return;
            }
            r.firstAudioMs = atMs;
            r.firstFrameUs = nowUs();
            r.repLastVoicedMs.ifPresent(lastVoiced -> turnLatency(r, lastVoiced, atMs));
            dispatch(new BotStartedSpeaking(e, atMs));
        }

        @Override
        public void onLateChunk(long e, long behindMs) {
            metrics.lateChunk();
        }

        @Override
        public void onPlayedOut(long e, long atMs) {
            BotReply r = reply;
            if (r == null || r.epoch != e) {
                return;
            }
            reply = null;
            String text = r.generatedText();
            if (!text.isEmpty() && r.firstAudioMs >= 0) {
                emitProspectUtterance(r, text, false, atMs);
                history.add(LanguageModel.Message.assistant(text));
            }
            bargeCandidate = false;
            dispatch(new BotStoppedSpeaking(e, atMs));
        }
    }

    /**
     * The reply's latency story. {@code stages} keeps the contract's per-stage durations;
     * {@code since_eos_ms} places every stage on one line from the rep's last voiced frame;
     * {@code server_ms} is the time spent inside this server between provider events.
     */
    private void turnLatency(BotReply r, long lastVoicedMs, long firstAudioMs) {
        long latency = firstAudioMs - lastVoicedMs;
        metrics.turnLatency(latency);
        long eosUs = lastVoicedMs * 1_000;
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("stt_final_ms", millis(r.turnReadyUs - eosUs));
        stages.put("llm_first_token_ms", millis(r.llmFirstTokenUs - r.llmRequestUs));
        stages.put("tts_first_audio_ms", millis(r.ttsFirstAudioUs - r.ttsFirstRequestUs));
        Map<String, Long> stamps = new LinkedHashMap<>();
        r.sttFinalUs.ifPresent(us -> stamps.put("stt_final", us));
        stamps.put("turn_end", r.turnReadyUs);
        stamps.put("llm_request", r.llmRequestUs);
        stamps.put("llm_first_token", r.llmFirstTokenUs);
        stamps.put("tts_request", r.ttsFirstRequestUs);
        stamps.put("tts_first_audio", r.ttsFirstAudioUs);
        stamps.put("first_frame_sent", r.firstFrameUs);
        Map<String, Object> sinceEos = new LinkedHashMap<>();
        stamps.forEach((stage, us) -> {
            if (us >= 0) {
                sinceEos.put(stage, millis(us - eosUs));
                metrics.stage(stage, Math.max(0, us - eosUs));
            }
        });
        long toLlmUs = r.llmRequestUs - r.turnReadyUs;
        long toFrameUs = r.firstFrameUs - r.ttsFirstAudioUs;
        long serverUs = toLlmUs + toFrameUs;
        metrics.serverLatency(Math.max(0, serverUs));
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("turn_end_to_llm_request", exactMillis(toLlmUs));
        server.put("tts_first_audio_to_first_frame", exactMillis(toFrameUs));
        append("turn.latency", "turn", r.turn, "eos_to_first_audio_ms", latency, "stages", stages,
                "since_eos_ms", sinceEos, "server_ms", exactMillis(serverUs), "server_stages_ms", server);
    }

    private static long millis(long micros) {
        return Math.round(micros / 1_000.0);
    }

    /** Milliseconds with microsecond precision, for the server's own (sub-millisecond) share. */
    private static double exactMillis(long micros) {
        return micros / 1_000.0;
    }

    private void afterBotTurn() {
        if (!afterBotTurnInjections.isEmpty() && reply == null) {
            List<Injection> injections = new ArrayList<>(afterBotTurnInjections);
            afterBotTurnInjections.clear();
            startReply(Optional.empty(), injections, Optional.empty());
        }
        if (userTurnOpen) {
            turnMayBeComplete();
        }
    }

    // ---- injections ---------------------------------------------------------------------------

    private void injection(Injection injection) {
        boolean curveball = "curveball".equals(injection.kind());
        switch (injection.timing()) {
            case "now" -> {
                if (!curveball) {
                    context.add(injection.text());
                    applied(injection, turnCounter);
                    return;
                }
                if (reply != null) {
                    if (reply.firstAudioMs >= 0) {
                        cutReply(reply, false);
                    } else {
                        dropSilentReply();
                    }
                }
                startReply(Optional.empty(), List.of(injection), Optional.empty());
            }
            case "after-bot-turn" -> {
                if (reply != null) {
                    afterBotTurnInjections.add(injection);
                } else if (curveball) {
                    startReply(Optional.empty(), List.of(injection), Optional.empty());
                } else {
                    context.add(injection.text());
                    applied(injection, turnCounter);
                }
            }
            default -> nextTurnInjections.add(injection);
        }
    }

    private void applied(Injection injection, int turn) {
        append("injection.applied", "injection_id", injection.id(), "kind", injection.kind(),
                "text", injection.text(), "timing", injection.timing(), "turn", turn);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private void emitRepUtterance(int turn, String text, boolean recognised) {
        append("utterance", "speaker", "rep", "turn", turn, "text", text,
                "start_ms", sinceStart(userTurnStartMs), "end_ms", sinceStart(Math.max(lastVoicedMs, userTurnStartMs)),
                "recognised", recognised, "interrupted", false, "generated_text", text);
    }

    private void emitProspectUtterance(BotReply r, String heard, boolean interrupted, long endMs) {
        long start = r.firstAudioMs >= 0 ? r.firstAudioMs : endMs;
        append("utterance", "speaker", "prospect", "turn", r.turn, "text", heard,
                "start_ms", sinceStart(start), "end_ms", sinceStart(endMs), "recognised", true,
                "interrupted", interrupted, "generated_text", r.generatedText());
    }

    private void append(String type, Object... keyValues) {
        ctx.events().appendFields(type, keyValues);
    }

    /** A provider callback enters the call: stamped on arrival, handled on the executor. */
    private void reenter(Frame frame) {
        long arrivedUs = nowUs();
        ctx.executor().execute(() -> {
            if (stopped) {
                return;
            }
            eventUs = arrivedUs;
            if (!stopping) {
                dispatch(frame);
            } else if (frame instanceof UserTranscript t && t.isFinal()) {
                lateFinal(t);
            }
        });
    }

    private void cancelTurnWait() {
        if (turnWait != null) {
            turnWait.cancel(false);
            turnWait = null;
        }
    }

    private long now() {
        return ctx.clock().millis();
    }

    private long nowUs() {
        Instant at = ctx.clock().instant();
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    private long sinceStart(long atMs) {
        return Math.max(0, atMs - startMs);
    }

    private final class SttEvents implements SpeechToText.Listener {
        @Override
        public void onInterim(SpeechToText.Transcript transcript) {
            reenter(new UserTranscript(transcript.text(), transcript.recognised(), false));
        }

        @Override
        public void onFinal(SpeechToText.Transcript transcript) {
            reenter(new UserTranscript(transcript.text(), transcript.recognised(), true));
        }

        @Override
        public void onEndOfSpeech() {
            reenter(new UserEndOfSpeech());
        }

        @Override
        public void onError(ProviderException error) {
            reenter(new ProviderError(error));
        }
    }
}
