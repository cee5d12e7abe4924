package dev.sparring.media.providers.deepgram;

import java.util.List;

/**
 * The server messages of Deepgram's live streaming API that the client acts on
 * (https://developers.deepgram.com/reference/speech-to-text/listen-streaming). Times are seconds
 * since the start of the audio sent on the connection.
 */
sealed interface DeepgramMessage {

    /** A transcript for {@code [start, start + duration)}: interim unless {@code isFinal}. */
    record Results(double start, double duration, boolean isFinal, boolean speechFinal, boolean fromFinalize,
                   String transcript, List<Word> words) implements DeepgramMessage {
        public Results {
            words = List.copyOf(words);
        }

        double end() {
            return start + duration;
        }
    }

    /** A recognised word; {@code text} is the punctuated word when smart formatting gave one. */
    record Word(String text, double start, double end) {}

    /** A gap of {@code utterance_end_ms} after the last word ({@code last_word_end}). */
    record UtteranceEnd(double lastWordEnd) implements DeepgramMessage {}

    /** Speech began at {@code timestamp} ({@code vad_events=true}). */
    record SpeechStarted(double timestamp) implements DeepgramMessage {}

    /** The summary sent when the stream closes. */
    record Metadata(String requestId, double duration) implements DeepgramMessage {}

    /** A message type this client does not act on (forward compatibility). */
    record Other(String type) implements DeepgramMessage {}
}
