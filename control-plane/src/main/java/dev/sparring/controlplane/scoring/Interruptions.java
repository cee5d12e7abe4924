package dev.sparring.controlplane.scoring;

/**
 * Who interrupted whom.
 *
 * @param byRep      times the rep interrupted the prospect: every barge-in event, plus every rep turn
 *                   that started while the prospect was speaking and that no barge-in already explains
 * @param byProspect times a prospect turn started while the rep was speaking
 * @param bargeIns   barge-in events reported by the media server (included in {@code byRep})
 */
public record Interruptions(int byRep, int byProspect, int bargeIns) {
}
