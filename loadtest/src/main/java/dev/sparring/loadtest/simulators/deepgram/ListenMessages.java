package dev.sparring.loadtest.simulators.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON text messages of Deepgram's live streaming API, in the shapes its documentation shows:
 * Results (https://developers.deepgram.com/reference/speech-to-text/listen-streaming),
 * SpeechStarted (https://developers.deepgram.com/docs/speech-started),
 * UtteranceEnd (https://developers.deepgram.com/docs/utterance-end) and
 * Metadata (https://developers.deepgram.com/docs/close-stream).
 *
 * <p>Stateless apart from the request id and model it stamps on messages; thread-confined like its connection.
 */
final class ListenMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String requestId;
    private final String model;

    ListenMessages(String requestId, String model) {
        this.requestId = requestId;
        this.model = model;
    }

    /**
     * @param text the transcript (may be empty)
     * @param wordsStart where the words start; {@code wordsEnd} where they end (seconds)
     */
    String results(double start, double duration, boolean isFinal, boolean speechFinal, boolean fromFinalize,
                   String text, double wordsStart, double wordsEnd) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "Results");
        root.putArray("channel_index").add(0).add(1);
        root.put("duration", round(duration));
        root.put("start", round(start));
        root.put("is_final", isFinal);
        root.put("speech_final", speechFinal);
        if (fromFinalize) {
            root.put("from_finalize", true);
        }
        ObjectNode alternative = root.putObject("channel").putArray("alternatives").addObject();
        alternative.put("transcript", text);
        alternative.put("confidence", text.isEmpty() ? 0.0 : 0.98);
        ArrayNode words = alternative.putArray("words");
        String[] tokens = text.isBlank() ? new String[0] : text.strip().split("\\s+");
        double step = tokens.length == 0 ? 0 : (wordsEnd - wordsStart) / tokens.length;
        for (int i = 0; i < tokens.length; i++) {
            ObjectNode word = words.addObject();
            word.put("word", tokens[i].replaceAll("[^\\p{L}\\p{N}'-]", "").toLowerCase(Locale.ROOT));
            word.put("start", round(wordsStart + i * step));
            word.put("end", round(wordsStart + (i + 1) * step));
            word.put("confidence", 0.98);
            word.put("punctuated_word", tokens[i]);
        }
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("request_id", requestId);
        ObjectNode modelInfo = metadata.putObject("model_info");
        modelInfo.put("name", "general-" + model);
        modelInfo.put("version", "simulated");
        modelInfo.put("arch", model);
        metadata.put("model_uuid", "00000000-0000-0000-0000-000000000000");
        return root.toString();
    }

    String speechStarted(double timestamp) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "SpeechStarted");
        root.putArray("channel").add(0);
        root.put("timestamp", round(timestamp));
        return root.toString();
    }

    String utteranceEnd(double lastWordEnd) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "UtteranceEnd");
        root.putArray("channel").add(0).add(1);
        root.put("last_word_end", round(lastWordEnd));
        return root.toString();
    }

    String metadata(double duration) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "Metadata");
        root.put("transaction_key", "deprecated");
        root.put("request_id", requestId);
        root.put("sha256", "0000000000000000000000000000000000000000000000000000000000000000");
        root.put("created", Instant.now().toString());
        root.put("duration", round(duration));
        root.put("channels", 1);
        return root.toString();
    }

    /** The body Deepgram answers a refused upgrade with (https://developers.deepgram.com/docs/errors). */
    String error(String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("err_code", code);
        root.put("err_msg", message);
        root.put("request_id", requestId);
        return root.toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
