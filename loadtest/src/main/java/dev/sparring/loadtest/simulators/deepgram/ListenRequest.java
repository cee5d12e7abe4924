package dev.sparring.loadtest.simulators.deepgram;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The query parameters of a {@code GET /v1/listen} upgrade that the simulator acts on
 * (https://developers.deepgram.com/reference/speech-to-text/listen-streaming). Parameters it does
 * not act on (model, language, smart_format, ...) are accepted and recorded, as Deepgram accepts them.
 *
 * @param encoding {@code linear16}, {@code mulaw} or {@code alaw}
 * @param sampleRate samples per second of the raw audio
 * @param interimResults whether interim Results are sent
 * @param endpointing silence in ms that ends a segment with {@code speech_final}; Deepgram's default 10 ms
 *     is too short for the energy detector, so the simulator never uses less than 100 ms
 * @param utteranceEndMs gap in ms for UtteranceEnd messages, if requested
 * @param vadEvents whether SpeechStarted messages are sent
 * @param tags the {@code tag} values: the first naming a call script selects it; all of them
 *     together name the call (the script position survives reconnects)
 * @param parameters every query parameter as received
 */
record ListenRequest(String encoding, int sampleRate, boolean interimResults, int endpointing,
                     OptionalInt utteranceEndMs, boolean vadEvents, List<String> tags,
                     Map<String, List<String>> parameters) {

    static final Set<String> ENCODINGS = Set.of("linear16", "mulaw", "alaw");
    private static final int MIN_ENDPOINTING_MS = 100;

    /**
     * @param parameters the decoded query string
     * @return the request, or a message saying which parameter is unsupported (for a 400)
     */
    static Result parse(Map<String, List<String>> parameters) {
        String encoding = first(parameters, "encoding").orElse("linear16");
        if (!ENCODINGS.contains(encoding)) {
            return new Result.Invalid("unsupported encoding '" + encoding + "' for raw audio; the simulator supports "
                    + ENCODINGS);
        }
        Optional<String> rate = first(parameters, "sample_rate");
        if (rate.isEmpty()) {
            return new Result.Invalid("sample_rate is required when encoding is set");
        }
        int sampleRate;
        try {
            sampleRate = Integer.parseInt(rate.get());
        } catch (NumberFormatException e) {
            return new Result.Invalid("sample_rate must be an integer: '" + rate.get() + "'");
        }
        if (sampleRate != 8_000 && sampleRate != 16_000 && sampleRate != 24_000 && sampleRate != 48_000) {
            return new Result.Invalid("unsupported sample_rate " + sampleRate);
        }
        if (!encoding.equals("linear16") && sampleRate != 8_000) {
            return new Result.Invalid(encoding + " audio must be 8000 Hz, not " + sampleRate);
        }
        String channels = first(parameters, "channels").orElse("1");
        if (!channels.equals("1")) {
            return new Result.Invalid("the simulator transcribes mono audio only (channels=" + channels + ")");
        }
        int endpointing = MIN_ENDPOINTING_MS * 3;
        Optional<String> endpointingText = first(parameters, "endpointing");
        if (endpointingText.isPresent() && !endpointingText.get().equals("true")) {
            if (endpointingText.get().equals("false")) {
                endpointing = 1_000;
            } else {
                OptionalInt parsed = integer(endpointingText.get());
                if (parsed.isEmpty()) {
                    return new Result.Invalid("endpointing must be false or milliseconds: '" + endpointingText.get() + "'");
                }
                endpointing = Math.max(MIN_ENDPOINTING_MS, parsed.getAsInt());
            }
        }
        OptionalInt utteranceEnd = OptionalInt.empty();
        Optional<String> utteranceText = first(parameters, "utterance_end_ms");
        if (utteranceText.isPresent()) {
            utteranceEnd = integer(utteranceText.get());
            if (utteranceEnd.isEmpty()) {
                return new Result.Invalid("utterance_end_ms must be milliseconds: '" + utteranceText.get() + "'");
            }
        }
        return new Result.Valid(new ListenRequest(encoding, sampleRate, flag(parameters, "interim_results"),
                endpointing, utteranceEnd, flag(parameters, "vad_events"),
                List.copyOf(parameters.getOrDefault("tag", List.of())), Map.copyOf(parameters)));
    }

    /** The outcome of {@link #parse}. */
    sealed interface Result {
        record Valid(ListenRequest request) implements Result {}

        record Invalid(String message) implements Result {}
    }

    private static boolean flag(Map<String, List<String>> parameters, String name) {
        return first(parameters, name).map("true"::equals).orElse(false);
    }

    private static OptionalInt integer(String text) {
        try {
            int value = Integer.parseInt(text);
            return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Optional<String> first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
