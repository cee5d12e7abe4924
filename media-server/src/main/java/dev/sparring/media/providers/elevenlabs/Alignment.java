package dev.sparring.media.providers.elevenlabs;

import java.util.List;

/**
 * The {@code alignment} (or {@code normalizedAlignment}) object of an audio message: characters with
 * their start and duration in milliseconds from the start of that message's audio.
 */
record Alignment(List<String> chars, List<Integer> charStartTimesMs, List<Integer> charDurationsMs) {
    Alignment {
        chars = List.copyOf(chars);
        charStartTimesMs = List.copyOf(charStartTimesMs);
        charDurationsMs = List.copyOf(charDurationsMs);
    }
}
