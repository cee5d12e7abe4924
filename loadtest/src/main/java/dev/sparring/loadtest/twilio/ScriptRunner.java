package dev.sparring.loadtest.twilio;

import dev.sparring.loadtest.audio.EncodedAudio;
import dev.sparring.loadtest.playback.PlaybackBuffer;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.ScriptStep;
import dev.sparring.loadtest.script.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Decides, every 20 ms, what the caller sends: the next frame of the line being said, or silence
 * (Twilio streams continuously), plus DTMF keys and the hang-up, following the script's timing
 * against what the caller hears (the {@link PlaybackBuffer}):
 * <ul>
 *   <li>after-bot: the bot was heard after the previous step ended, is no longer audible, and has
 *       been silent for {@code pause};</li>
 *   <li>during-bot: an utterance that started after the previous step ended has been playing for
 *       {@code offset} (a barge-in, or a backchannel);</li>
 *   <li>when the bot stays silent for {@code botResponseTimeout}, the step starts anyway and is
 *       marked {@link SentStep#timedOut()} — a call never hangs on a mute server.</li>
 * </ul>
 * After the last step, the caller hangs up after the bot's final words (after-bot, 700 ms).
 *
 * <p>Sans-I/O: it reads time from the injected clock and emits through a {@link Sink}.
 * <b>Threading:</b> not thread-safe; owned by one call and ticked by its event loop.
 */
public final class ScriptRunner {

    /** Where the runner's decisions go; called synchronously from {@link #tick}. */
    public interface Sink {

        /** Send one 20 ms μ-law {@code media} frame (base64). */
        void media(String payloadBase64);

        /** Send one {@code dtmf} message. */
        void dtmf(char digit);

        /** Send {@code stop} and close: the script is over. */
        void hangup();
    }

    private static final String SILENCE = EncodedAudio.SILENCE_FRAME_BASE64;
    private static final long FRAME_NANOS = 20_000_000;

    private final List<ScriptStep> steps;
    private final Map<ScriptStep.Say, EncodedAudio> audio;
    private final PlaybackBuffer playback;
    private final LongSupplier clock;
    private final long botResponseTimeoutNanos;
    private final ScriptStep.Hangup finalHangup = new ScriptStep.Hangup(Timing.afterBot());

    private final List<SentStep> sent = new ArrayList<>();
    private int stepIndex;
    /** When the previous step finished (its last frame); the call's start before the first step. */
    private long lastStepEndNanos;
    /** When the current step started waiting for its condition. */
    private long waitingSinceNanos;
    private boolean started;
    private boolean hungUp;

    private ScriptStep.Say line;
    private EncodedAudio lineAudio;
    private int lineFrame;
    private long lineStart;
    private long lineVoicedStart;
    private long lineVoicedEnd;
    private boolean lineOverlapped;
    private boolean lineTimedOut;
    /** Speech end of the last rep line (not a backchannel) the bot has not answered yet; -1 when none. */
    private long unansweredSpeechEnd = -1;

    /**
     * @param script the script to run
     * @param audio every say step's audio (from {@code RepAudioLibrary.prepare})
     * @param playback the caller's playback buffer: what the caller hears
     * @param clock monotonic nanoseconds, the same clock the playback buffer reads
     * @param botResponseTimeout how long a step waits for the bot before starting anyway
     */
    public ScriptRunner(CallScript script, Map<ScriptStep.Say, EncodedAudio> audio, PlaybackBuffer playback,
                        LongSupplier clock, Duration botResponseTimeout) {
        this.steps = script.steps();
        this.audio = audio;
        this.playback = playback;
        this.clock = clock;
        this.botResponseTimeoutNanos = botResponseTimeout.toNanos();
        for (ScriptStep step : steps) {
            if (step instanceof ScriptStep.Say say && !audio.containsKey(say)) {
                throw new IllegalArgumentException("no audio prepared for: " + say.text());
            }
        }
    }

    /**
     * Emits this tick's frame (and any DTMF or the hang-up). Call every 20 ms, after advancing the
     * playback buffer; does nothing once the caller has hung up.
     */
    public void tick(Sink sink) {
        if (hungUp) {
            return;
        }
        long now = clock.getAsLong();
        if (!started) {
            started = true;
            lastStepEndNanos = now;
            waitingSinceNanos = now;
        }
        if (line != null) {
            sendLineFrame(sink, now);
            return;
        }
        ScriptStep step = stepIndex < steps.size() ? steps.get(stepIndex) : finalHangup;
        Readiness readiness = readiness(step.timing(), now);
        if (readiness == Readiness.WAIT) {
            sink.media(SILENCE);
            return;
        }
        boolean timedOut = readiness == Readiness.TIMED_OUT;
        boolean overlapped = playback.botSpeaking();
        // Bot speech that starts after this step began answers this step, not the previous line.
        unansweredSpeechEnd = -1;
        switch (step) {
            case ScriptStep.Say say -> {
                line = say;
                lineAudio = audio.get(say);
                lineFrame = 0;
                lineStart = now;
                lineOverlapped = overlapped;
                lineTimedOut = timedOut;
                sendLineFrame(sink, now);
            }
            case ScriptStep.Dtmf dtmf -> {
                for (int i = 0; i < dtmf.digits().length(); i++) {
                    sink.dtmf(dtmf.digits().charAt(i));
                }
                sink.media(SILENCE);
                finishStep(new SentStep(stepIndex, SentStep.Kind.DTMF, dtmf.digits(), now, now, now, now,
                        overlapped, timedOut), now);
            }
            case ScriptStep.Hangup hangup -> {
                hungUp = true;
                sent.add(new SentStep(stepIndex, SentStep.Kind.HANGUP, "", now, now, now, now, overlapped, timedOut));
                sink.hangup();
            }
        }
    }

    private void sendLineFrame(Sink sink, long now) {
        if (lineFrame == lineAudio.firstVoicedFrame()) {
            lineVoicedStart = now;
        }
        if (lineFrame == lineAudio.lastVoicedFrame()) {
            lineVoicedEnd = now;
        }
        sink.media(lineAudio.frameBase64(lineFrame++));
        if (lineFrame == lineAudio.frames()) {
            SentStep.Kind kind = line.backchannel() ? SentStep.Kind.BACKCHANNEL : SentStep.Kind.SAY;
            ScriptStep.Say said = line;
            if (kind == SentStep.Kind.SAY) {
                unansweredSpeechEnd = lineVoicedEnd;
            }
            line = null;
            lineAudio = null;
            finishStep(new SentStep(stepIndex, kind, said.text(), lineStart, now, lineVoicedStart, lineVoicedEnd,
                    lineOverlapped, lineTimedOut), now + FRAME_NANOS);
        }
    }

    private void finishStep(SentStep record, long endNanos) {
        sent.add(record);
        stepIndex++;
        lastStepEndNanos = endNanos;
        waitingSinceNanos = endNanos;
    }

    private enum Readiness { WAIT, READY, TIMED_OUT }

    private Readiness readiness(Timing timing, long now) {
        boolean conditionMet = switch (timing) {
            case Timing.AfterBot after -> {
                OptionalLong lastVoiced = playback.lastVoicedEndNanos();
                yield lastVoiced.isPresent() && lastVoiced.getAsLong() > lastStepEndNanos
                        && !playback.botSpeaking()
                        && now - lastVoiced.getAsLong() >= after.pause().toNanos();
            }
            case Timing.DuringBot during -> {
                OptionalLong onset = playback.speechStartNanos();
                yield onset.isPresent() && onset.getAsLong() >= lastStepEndNanos
                        && now - onset.getAsLong() >= during.offset().toNanos();
            }
        };
        if (conditionMet) {
            return Readiness.READY;
        }
        // Only a bot that has said nothing since the step began waiting counts as not answering.
        OptionalLong lastVoiced = playback.lastVoicedEndNanos();
        boolean botQuiet = !playback.botSpeaking()
                && (lastVoiced.isEmpty() || lastVoiced.getAsLong() <= waitingSinceNanos
                        || now - lastVoiced.getAsLong() >= botResponseTimeoutNanos);
        if (botQuiet && now - waitingSinceNanos >= botResponseTimeoutNanos) {
            return Readiness.TIMED_OUT;
        }
        return Readiness.WAIT;
    }

    /**
     * Called when the bot's speech starts playing at the caller: the answer to the last rep line,
     * the same pairing {@link CallResult#turnLatencies()} makes once the call ends.
     *
     * @param botSpeechStartNanos when the bot's speech started playing
     * @return the turn latency (end of the rep's speech to the bot's first speech), once per line
     */
    public OptionalLong answer(long botSpeechStartNanos) {
        if (unansweredSpeechEnd < 0 || botSpeechStartNanos < unansweredSpeechEnd) {
            return OptionalLong.empty();
        }
        long latency = botSpeechStartNanos - unansweredSpeechEnd;
        unansweredSpeechEnd = -1;
        return OptionalLong.of(latency);
    }

    /** @return true once the hang-up was emitted */
    public boolean hungUp() {
        return hungUp;
    }

    /** @return the steps performed so far, in order */
    public List<SentStep> sent() {
        return List.copyOf(sent);
    }
}
