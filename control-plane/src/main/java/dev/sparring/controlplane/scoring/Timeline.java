package dev.sparring.controlplane.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The timing KPIs, read from utterance start and end times.
 *
 * <p>A backchannel is a short acknowledgement ("uh-huh", "mm-hmm", "yeah", "right", "okay", "got it" —
 * at most three words, all from that vocabulary) that starts while the other party is speaking. It is
 * speech, so it counts in talk time, but it is not a turn: it neither interrupts, nor breaks a monologue,
 * nor switches the speaker, nor ends the other party's turn. The same "Yes." said after the other party
 * stopped is an answer, and a turn.
 */
final class Timeline {

    /** A barge-in explains a rep turn whose span, widened by this much, contains the barge-in instant. */
    static final long BARGE_IN_MATCH_TOLERANCE_MS = 1000;

    private static final Set<String> BACKCHANNEL_WORDS = Set.of(
            "uh", "huh", "mm", "mmm", "hmm", "hm", "mhm", "yeah", "yep", "yes", "right", "okay", "ok", "sure",
            "got", "it", "i", "see", "ah", "oh", "um", "aha");

    private Timeline() {
    }

    static boolean isBackchannel(Utterance utterance, List<Utterance> all) {
        List<String> tokens = Phrases.tokens(utterance.text());
        return !tokens.isEmpty() && tokens.size() <= 3 && BACKCHANNEL_WORDS.containsAll(tokens)
                && startsInside(utterance, all);
    }

    /** The utterances that take or hold the floor, in time order. */
    static List<Utterance> turns(CallRecord record) {
        return record.utterances().stream().filter(u -> !isBackchannel(u, record.utterances())).toList();
    }

    /** Milliseconds during which {@code speaker} was speaking: the union of their utterances. */
    static long speakingMs(CallRecord record, Speaker speaker) {
        long total = 0;
        long coveredUntil = Long.MIN_VALUE;
        for (Utterance utterance : record.utterances()) {
            if (utterance.speaker() != speaker) {
                continue;
            }
            long from = Math.max(utterance.startMs(), coveredUntil);
            if (utterance.endMs() > from) {
                total += utterance.endMs() - from;
            }
            coveredUntil = Math.max(coveredUntil, utterance.endMs());
        }
        return total;
    }

    /** Consecutive rep turns with no prospect turn in between merge into one monologue. */
    static Optional<Monologue> longestMonologue(List<Utterance> turns) {
        Optional<Monologue> longest = Optional.empty();
        Monologue current = null;
        for (Utterance turn : turns) {
            if (turn.speaker() == Speaker.PROSPECT) {
                current = null;
                continue;
            }
            current = current == null
                    ? new Monologue(turn.startMs(), turn.endMs())
                    : new Monologue(current.startMs(), Math.max(current.endMs(), turn.endMs()));
            if (longest.isEmpty() || current.durationMs() > longest.get().durationMs()) {
                longest = Optional.of(current);
            }
        }
        return longest;
    }

    static int speakerSwitches(List<Utterance> turns) {
        int switches = 0;
        for (int i = 1; i < turns.size(); i++) {
            if (turns.get(i).speaker() != turns.get(i - 1).speaker()) {
                switches++;
            }
        }
        return switches;
    }

    /**
     * The rep's gap after each prospect turn the rep answered: the rep turn's start minus the end of the
     * prospect turns just before it. Negative gaps are interruptions and are left out.
     */
    static List<Long> responseGapsMs(List<Utterance> turns) {
        List<Long> gaps = new ArrayList<>();
        long prospectEnd = -1;
        Speaker previous = null;
        for (Utterance turn : turns) {
            if (turn.speaker() == Speaker.PROSPECT) {
                prospectEnd = previous == Speaker.PROSPECT ? Math.max(prospectEnd, turn.endMs()) : turn.endMs();
            } else if (previous == Speaker.PROSPECT && turn.startMs() >= prospectEnd) {
                gaps.add(turn.startMs() - prospectEnd);
            }
            previous = turn.speaker();
        }
        return gaps;
    }

    static Interruptions interruptions(CallRecord record, List<Utterance> turns) {
        List<Utterance> repOverlaps = overlappingStarts(turns, Speaker.REP);
        boolean[] explained = new boolean[repOverlaps.size()];
        for (BargeIn bargeIn : record.bargeIns()) {
            for (int i = 0; i < repOverlaps.size(); i++) {
                Utterance rep = repOverlaps.get(i);
                if (!explained[i] && bargeIn.atMs() >= rep.startMs() - BARGE_IN_MATCH_TOLERANCE_MS
                        && bargeIn.atMs() <= rep.endMs() + BARGE_IN_MATCH_TOLERANCE_MS) {
                    explained[i] = true;
                    break;
                }
            }
        }
        int unexplained = 0;
        for (boolean matched : explained) {
            unexplained += matched ? 0 : 1;
        }
        int bargeIns = record.bargeIns().size();
        return new Interruptions(bargeIns + unexplained, overlappingStarts(turns, Speaker.PROSPECT).size(), bargeIns);
    }

    /** {@code speaker}'s turns that started strictly inside a turn of the other party. */
    private static List<Utterance> overlappingStarts(List<Utterance> turns, Speaker speaker) {
        List<Utterance> result = new ArrayList<>();
        for (Utterance turn : turns) {
            if (turn.speaker() != speaker) {
                continue;
            }
            if (startsInside(turn, turns)) {
                result.add(turn);
            }
        }
        return result;
    }

    /** Whether {@code utterance} started strictly while the other party was speaking. */
    private static boolean startsInside(Utterance utterance, List<Utterance> all) {
        return all.stream().anyMatch(other -> other.speaker() != utterance.speaker()
                && other.startMs() < utterance.startMs() && utterance.startMs() < other.endMs());
    }
}
