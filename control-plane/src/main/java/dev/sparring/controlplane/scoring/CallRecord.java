package dev.sparring.controlplane.scoring;

import java.util.Comparator;
import java.util.List;

/**
 * Everything scoring reads about one call. Utterances and barge-ins are kept sorted by time (ties broken
 * by end, speaker and text), so the order they were stored or delivered in never changes a score.
 *
 * @param utterances both parties' speech
 * @param bargeIns   the rep's barge-ins reported by the media server
 * @param durationMs call length from going live to the end; 0 when unknown (the last utterance end is used)
 */
public record CallRecord(List<Utterance> utterances, List<BargeIn> bargeIns, long durationMs) {

    private static final Comparator<Utterance> TIME_ORDER = Comparator.comparingLong(Utterance::startMs)
            .thenComparingLong(Utterance::endMs)
            .thenComparing(Utterance::speaker)
            .thenComparing(Utterance::text)
            .thenComparing(Utterance::interrupted);

    public CallRecord {
        if (durationMs < 0) {
            throw new ScoringException("call duration must not be negative, got " + durationMs);
        }
        utterances = utterances.stream().sorted(TIME_ORDER).toList();
        bargeIns = bargeIns.stream().sorted(Comparator.comparingLong(BargeIn::atMs)).toList();
    }

    /** A call known only by its utterances. */
    public static CallRecord of(List<Utterance> utterances) {
        return new CallRecord(utterances, List.of(), 0);
    }

    public boolean isEmpty() {
        return utterances.isEmpty();
    }

    /** The call length used for per-minute rates: the recorded duration, stretched to cover every utterance. */
    public long effectiveDurationMs() {
        long lastEnd = utterances.stream().mapToLong(Utterance::endMs).max().orElse(0);
        return Math.max(durationMs, lastEnd);
    }
}
