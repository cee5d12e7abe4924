package dev.sparring.loadtest.simulators.elevenlabs;

import java.util.ArrayList;
import java.util.List;

/**
 * One generation's audio in its output format, with the start and duration of every character of
 * its text on the audio's time line. Immutable once built; the arrays are never written after
 * construction.
 *
 * @param audio headerless audio in {@link #format()}
 * @param format the output format
 * @param text the text spoken
 * @param charStartMs start of each character of {@code text}, from the start of the audio
 * @param charDurationMs duration of each character
 */
record RenderedSpeech(byte[] audio, SimulatedFormat format, String text, int[] charStartMs, int[] charDurationMs) {

    /** The characters whose start falls in {@code [fromMs, toMs)}, with times relative to {@code fromMs}. */
    Alignment alignmentBetween(double fromMs, double toMs) {
        List<String> chars = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> durations = new ArrayList<>();
        for (int i = 0; i < charStartMs.length; i++) {
            if (charStartMs[i] >= fromMs && charStartMs[i] < toMs) {
                chars.add(String.valueOf(text.charAt(i)));
                starts.add((int) Math.round(charStartMs[i] - fromMs));
                durations.add(charDurationMs[i]);
            }
        }
        return new Alignment(chars, starts, durations);
    }

    /** Character timings as the {@code alignment} object of an audio message carries them. */
    record Alignment(List<String> chars, List<Integer> charStartTimesMs, List<Integer> charDurationsMs) {
        boolean isEmpty() {
            return chars.isEmpty();
        }
    }
}
