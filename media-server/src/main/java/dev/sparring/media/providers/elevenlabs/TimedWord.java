package dev.sparring.media.providers.elevenlabs;

/**
 * A word of a reply and where it sits in the reply's audio.
 *
 * @param text the word as the LLM wrote it (punctuation included)
 * @param startMs start from the beginning of the reply's audio
 * @param endMs end from the beginning of the reply's audio
 */
public record TimedWord(String text, long startMs, long endMs) {
}
