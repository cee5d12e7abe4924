package dev.sparring.loadtest.playback;

import java.util.List;

/**
 * What the caller heard over a whole call: an immutable snapshot of a {@link PlaybackBuffer}.
 *
 * @param speech bot speech stretches, in order
 * @param gaps underruns in the middle of bot speech
 * @param clears clears received
 * @param marks marks echoed, in echo order
 * @param bytesReceived μ-law bytes received in {@code media} messages
 * @param bytesPlayed μ-law bytes played (8 per millisecond)
 * @param bytesDropped μ-law bytes dropped by clears
 */
public record PlaybackRecord(List<BotSpeech> speech, List<PlaybackGap> gaps, List<ClearRecord> clears,
                             List<MarkEcho> marks, long bytesReceived, long bytesPlayed, long bytesDropped) {

    public PlaybackRecord {
        speech = List.copyOf(speech);
        gaps = List.copyOf(gaps);
        clears = List.copyOf(clears);
        marks = List.copyOf(marks);
    }
}
