package dev.sparring.loadtest.twilio;

import dev.sparring.loadtest.playback.BotSpeech;
import dev.sparring.loadtest.playback.ClearRecord;
import dev.sparring.loadtest.playback.MarkEcho;
import dev.sparring.loadtest.playback.PlaybackGap;
import dev.sparring.loadtest.playback.PlaybackRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one emulated call observed. Times are offsets from the moment the {@code start}
 * message was sent.
 *
 * @param ids the call's Twilio SIDs
 * @param startedAt wall-clock time of the {@code start} message
 * @param duration from {@code start} until the socket closed
 * @param sent what the caller said, pressed and did, in order
 * @param heard bot speech as played at the caller
 * @param gaps underruns in the middle of bot speech
 * @param clears clears received, each with the time since the rep's speech onset
 * @param marks marks echoed
 * @param turnLatencies per rep line: end of the rep's speech → first bot speech heard
 * @param mediaFramesSent 20 ms frames sent (speech and silence)
 * @param marksReceived marks the server sent; every one should appear in {@code marks} (echoed)
 * @param bytesReceived μ-law bytes of bot audio received
 * @param hungUpByCaller true when the script hung up; false when the server closed first
 * @param errors protocol violations, timeouts and unexpected closes, in order
 */
public record CallResult(StreamIds ids, Instant startedAt, Duration duration, List<Step> sent, List<Heard> heard,
                         List<Gap> gaps, List<Clear> clears, List<Mark> marks, List<TurnLatency> turnLatencies,
                         long mediaFramesSent, long marksReceived, long bytesReceived, boolean hungUpByCaller,
                         List<String> errors) {

    public CallResult {
        sent = List.copyOf(sent);
        heard = List.copyOf(heard);
        gaps = List.copyOf(gaps);
        clears = List.copyOf(clears);
        marks = List.copyOf(marks);
        turnLatencies = List.copyOf(turnLatencies);
        errors = List.copyOf(errors);
    }

    /** A performed script step; see {@link SentStep}. */
    public record Step(int step, SentStep.Kind kind, String text, Duration start, Duration end,
                       Duration speechStart, Duration speechEnd, boolean botSpeakingAtStart, boolean timedOut) {}

    /** A stretch of bot speech the caller heard. */
    public record Heard(Duration start, Duration end, boolean cutByClear) {}

    /** An underrun. */
    public record Gap(Duration at, Duration length) {}

    /**
     * A clear received.
     *
     * @param sinceRepSpeechOnset time from the speech onset of the rep line that was playing (or
     *     last started) to the clear: the barge-in reaction time
     */
    public record Clear(Duration at, Optional<Duration> sinceRepSpeechOnset, int droppedBytes, int flushedMarks,
                        boolean botWasSpeaking) {}

    /** A mark echoed. */
    public record Mark(String name, Duration received, Duration echoed, boolean cleared) {}

    /** End of a rep line's speech to the first bot speech heard after it. */
    public record TurnLatency(int step, Duration latency) {}

    /** @return true when nothing went wrong */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** @return the clears that arrived while the bot was audible: real barge-ins */
    public List<Clear> bargeIns() {
        return clears.stream().filter(Clear::botWasSpeaking).toList();
    }

    /**
     * Builds a result from clock readings.
     *
     * @param originNanos clock reading when {@code start} was sent
     * @param endNanos clock reading when the socket closed
     */
    static CallResult assemble(StreamIds ids, Instant startedAt, long originNanos, long endNanos, List<SentStep> steps,
                               PlaybackRecord playback, long framesSent, long marksReceived, boolean hungUpByCaller,
                               List<String> errors) {
        List<Step> sent = steps.stream().map(s -> new Step(s.step(), s.kind(), s.text(), offset(s.startNanos(), originNanos),
                offset(s.endNanos(), originNanos), offset(s.voicedStartNanos(), originNanos),
                offset(s.voicedEndNanos(), originNanos), s.botSpeakingAtStart(), s.timedOut())).toList();
        List<Heard> heard = playback.speech().stream().map(b -> new Heard(offset(b.startNanos(), originNanos),
                offset(b.endNanos(), originNanos), b.cutByClear())).toList();
        List<Gap> gaps = playback.gaps().stream().map((PlaybackGap g) -> new Gap(offset(g.startNanos(), originNanos),
                Duration.ofNanos(g.durationNanos()))).toList();
        List<Clear> clears = new ArrayList<>();
        for (ClearRecord clear : playback.clears()) {
            Optional<Duration> since = steps.stream()
                    .filter(s -> s.kind() == SentStep.Kind.SAY || s.kind() == SentStep.Kind.BACKCHANNEL)
                    .filter(s -> s.startNanos() <= clear.atNanos())
                    .reduce((first, second) -> second)
                    .map(s -> Duration.ofNanos(clear.atNanos() - s.voicedStartNanos()));
            clears.add(new Clear(offset(clear.atNanos(), originNanos), since, clear.droppedBytes(), clear.flushedMarks(),
                    clear.botWasSpeaking()));
        }
        List<Mark> marks = playback.marks().stream().map((MarkEcho m) -> new Mark(m.name(),
                offset(m.receivedNanos(), originNanos), offset(m.echoedNanos(), originNanos), m.cleared())).toList();
        List<TurnLatency> latencies = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            SentStep step = steps.get(i);
            if (step.kind() != SentStep.Kind.SAY) {
                continue;
            }
            long nextStart = i + 1 < steps.size() ? steps.get(i + 1).startNanos() : Long.MAX_VALUE;
            playback.speech().stream()
                    .map(BotSpeech::startNanos)
                    .filter(start -> start >= step.voicedEndNanos() && start < nextStart)
                    .findFirst()
                    .ifPresent(start -> latencies.add(new TurnLatency(step.step(), Duration.ofNanos(start - step.voicedEndNanos()))));
        }
        return new CallResult(ids, startedAt, Duration.ofNanos(endNanos - originNanos), sent, heard, gaps, clears, marks,
                latencies, framesSent, marksReceived, playback.bytesReceived(), hungUpByCaller, errors);
    }

    private static Duration offset(long nanos, long originNanos) {
        return Duration.ofNanos(nanos - originNanos);
    }
}
