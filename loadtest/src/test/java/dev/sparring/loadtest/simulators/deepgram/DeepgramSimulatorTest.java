package dev.sparring.loadtest.simulators.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.loadtest.audio.RepAudioLibrary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the JDK's WebSocket client: upgrade checks (401, 400 for an unsupported
 * encoding, 429 with Retry-After) and a spoken line answered with the script's words in the
 * message shapes Deepgram documents.
 */
class DeepgramSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-key";
    private static final String LINE = "Hi Sam, this is Alex from Acme. Do you have a minute?";

    @TempDir
    static Path scripts;
    static RepAudioLibrary audio;
    static DeepgramSimulator simulator;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(scripts.resolve("two-lines.yaml"), """
                name: two-lines
                scenario: test
                rep:
                  - say: "%s"
                  - say: "Thanks, bye."
                """.formatted(LINE));
        Files.writeString(scripts.resolve("sentences.yaml"), """
                name: sentences
                scenario: test
                rep:
                  - say: "Hi Dana, my name is Morgan from RouteWise. Thanks for making the time. Before I say anything about us, what would success look like for your team this year?"
                  - say: "That is helpful."
                """);
        Files.writeString(scripts.resolve("backchannel.yaml"), """
                name: backchannel
                scenario: test
                rep:
                  - say: "mm-hmm"
                    when: during-bot
                    offset_ms: 1000
                    backchannel: true
                  - say: "Good news. With an FHA loan you can put down as little as three and a half percent."
                """);
        audio = new RepAudioLibrary();
        simulator = DeepgramSimulator.start(DeepgramSimulatorConfig.defaults(KEY, scripts)
                .withFinalLatency(Duration.ofMillis(20)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
        audio.close();
    }

    @Test
    void refusesAWrongKeyWith401() {
        assertThatThrownBy(() -> connect("Token wrong", "encoding=mulaw&sample_rate=8000", new Recorder()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
    }

    @Test
    void refusesAnUnsupportedEncodingWith400() {
        assertThatThrownBy(() -> connect("Token " + KEY, "encoding=opus&sample_rate=48000", new Recorder()))
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(400));
    }

    @Test
    void injects429WithRetryAfterOnce() {
        simulator.faults(DeepgramFaults.reject(429, 1, 3));
        try {
            assertThatThrownBy(() -> connect("Token " + KEY, "encoding=mulaw&sample_rate=8000", new Recorder()))
                    .satisfies(e -> {
                        var response = ((WebSocketHandshakeException) e.getCause()).getResponse();
                        assertThat(response.statusCode()).isEqualTo(429);
                        assertThat(response.headers().firstValue("retry-after")).contains("3");
                    });
            Recorder second = new Recorder();
            WebSocket ws = connect("Token " + KEY, "encoding=mulaw&sample_rate=8000", second);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        } finally {
            simulator.faults(DeepgramFaults.none());
        }
    }

    @Test
    void answersSpeechWithTheScriptLineThenFlushesOnCloseStream() {
        Recorder messages = new Recorder();
        WebSocket ws = connect("Token " + KEY, "model=nova-3&encoding=mulaw&sample_rate=8000&channels=1"
                + "&interim_results=true&endpointing=300&utterance_end_ms=1000&vad_events=true&tag=two-lines&tag=call-1",
                messages);
        byte[] speech = audio.spoken(LINE).mulaw();
        byte[] call = concat(silence(500), speech, silence(1000));
        sendInFrames(ws, call);
        await().atMost(Duration.ofSeconds(10)).until(() -> messages.ofType("UtteranceEnd").size() == 1);

        JsonNode started = messages.ofType("SpeechStarted").getFirst();
        assertThat(started.get("timestamp").asDouble()).isBetween(0.4, 0.9);
        List<JsonNode> results = messages.ofType("Results");
        JsonNode last = results.getLast();
        assertThat(last.get("is_final").asBoolean()).isTrue();
        assertThat(last.get("speech_final").asBoolean()).isTrue();
        JsonNode best = last.get("channel").get("alternatives").get(0);
        assertThat(best.get("transcript").asText()).isEqualTo(LINE);
        JsonNode words = best.get("words");
        assertThat(words).hasSize(LINE.split(" ").length);
        assertThat(words.get(0).get("punctuated_word").asText()).isEqualTo("Hi");
        assertThat(words.get(0).get("word").asText()).isEqualTo("hi");
        assertThat(words.get(0).get("start").asDouble()).isEqualTo(started.get("timestamp").asDouble());
        double speechSeconds = speech.length / 8000.0;
        assertThat(words.get(words.size() - 1).get("end").asDouble()).isBetween(0.5 + speechSeconds - 0.5,
                0.5 + speechSeconds + 0.1);
        assertThat(results.subList(0, results.size() - 1)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("is_final").asBoolean()).isFalse());
        assertThat(messages.ofType("UtteranceEnd").getFirst().get("last_word_end").asDouble())
                .isEqualTo(words.get(words.size() - 1).get("end").asDouble());

        ws.sendText("{\"type\":\"CloseStream\"}", true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.closed);
        assertThat(messages.ofType("Metadata")).hasSize(1);
        assertThat(simulator.stats().controlMessages("CloseStream")).isGreaterThanOrEqualTo(1);
        assertThat(simulator.stats().upgrades()).anySatisfy(u -> assertThat(u.parameters().get("tag"))
                .containsExactly("two-lines", "call-1"));
    }

    @Test
    void finalizeFlushesSpeechStillInProgress() {
        Recorder messages = new Recorder();
        WebSocket ws = connect("Token " + KEY, "encoding=mulaw&sample_rate=8000&interim_results=true&tag=two-lines"
                + "&tag=call-2", messages);
        byte[] speech = audio.spoken(LINE).mulaw();
        byte[] call = concat(silence(300), speech);
        ws.sendBinary(ByteBuffer.wrap(call), true).join();
        finalizeAndAwait(ws, messages);
        JsonNode flushed = messages.ofType("Results").getLast();
        assertThat(flushed.get("is_final").asBoolean()).isTrue();
        assertThat(flushed.get("channel").get("alternatives").get(0).get("transcript").asText()).isEqualTo(LINE);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void speechGoingOnAfterAFinalizeIsTheSameLineNotTheNext() {
        // A barge-in: the server sends Finalize while the caller is still speaking; the rest of the
        // line must not be answered with the script's next line (that would put the call out of step).
        Recorder messages = new Recorder();
        WebSocket ws = connect("Token " + KEY, "encoding=mulaw&sample_rate=8000&interim_results=true&utterance_end_ms=1000"
                + "&tag=two-lines&tag=call-3", messages);
        byte[] speech = audio.spoken(LINE).mulaw();
        int half = speech.length / 2;
        ws.sendBinary(ByteBuffer.wrap(concat(silence(300), Arrays.copyOf(speech, half))), true).join();
        finalizeAndAwait(ws, messages);
        // No gap in the words yet: an UtteranceEnd now would end the caller's turn mid-sentence.
        assertThat(messages.ofType("UtteranceEnd")).isEmpty();
        assertThat(messages.ofType("Results").getLast().get("speech_final").asBoolean()).isFalse();
        ws.sendBinary(ByteBuffer.wrap(concat(Arrays.copyOfRange(speech, half, speech.length), silence(1500))), true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> finals(messages).size() >= 2);
        List<String> finals = finals(messages);
        assertThat(finals.get(0)).isEqualTo(LINE);
        assertThat(finals.subList(1, finals.size())).allSatisfy(t -> assertThat(t).isEmpty());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void speechSoonAfterAnEndOfTurnFinalizeIsTheNextLine() {
        // The server's Finalize at the end of the rep's turn comes after ~600 ms of silence (here
        // 550 ms: FreeTTS ends the line with 200 ms of it), when the simulator's own segment may
        // still be open; the rep's next line may start a moment later and must get the next line's
        // words, not be taken for the rest of the last one.
        Recorder messages = new Recorder();
        WebSocket ws = connect("Token " + KEY, "encoding=mulaw&sample_rate=8000&interim_results=true&endpointing=300"
                + "&tag=two-lines&tag=call-6", messages);
        ws.sendBinary(ByteBuffer.wrap(concat(silence(300), audio.spoken(LINE).mulaw(), silence(350))), true).join();
        finalizeAndAwait(ws, messages);
        ws.sendBinary(ByteBuffer.wrap(concat(silence(300), audio.spoken("Thanks, bye.").mulaw(), silence(1500))), true)
                .join();
        await().atMost(Duration.ofSeconds(30)).until(() -> finals(messages).stream().filter(t -> !t.isEmpty()).count() >= 2);
        assertThat(finals(messages).stream().filter(t -> !t.isEmpty()).toList()).containsExactly(LINE, "Thanks, bye.");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void aLineWithPausesBetweenItsSentencesIsOneSegment() {
        // FreeTTS pauses ~420 ms at this line's second full stop: with a 300 ms endpointing the
        // simulator must still answer the whole line once, or every later line is a turn out of step.
        // The leading silence is a greeting's worth, as in a call: the detector's floor settles on it.
        String line = "Hi Dana, my name is Morgan from RouteWise. Thanks for making the time. "
                + "Before I say anything about us, what would success look like for your team this year?";
        Recorder messages = new Recorder();
        WebSocket ws = connect("Token " + KEY, "encoding=mulaw&sample_rate=8000&interim_results=true&endpointing=300"
                + "&tag=sentences&tag=call-4", messages);
        byte[] call = concat(silence(4000), audio.spoken(line).mulaw(), silence(1500));
        sendInFrames(ws, call);
        await().atMost(Duration.ofSeconds(30)).until(() -> !finals(messages).isEmpty());
        ws.sendText("{\"type\":\"CloseStream\"}", true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.closed);
        assertThat(finals(messages).stream().filter(t -> !t.isEmpty()).toList()).containsExactly(line);
    }

    @Test
    void aBackchannelAsLongAsFreeTtsSaysItIsNeverShownAsTheNextLine() {
        // "mm-hmm" is 1.4 s of FreeTTS audio: its interim results must not turn into the next line's
        // words (the server would take them for a barge-in) and its final takes the backchannel line.
        Recorder messages = new Recorder();
        WebSocket ws = connect("Token " + KEY, "encoding=mulaw&sample_rate=8000&interim_results=true&endpointing=300"
                + "&tag=backchannel&tag=call-5", messages);
        byte[] call = concat(silence(4000), audio.spoken("mm-hmm").mulaw(), silence(1500));
        sendInFrames(ws, call);
        await().atMost(Duration.ofSeconds(30)).until(() -> !finals(messages).isEmpty());
        ws.sendText("{\"type\":\"CloseStream\"}", true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.closed);
        List<String> shown = messages.ofType("Results").stream()
                .map(r -> r.get("channel").get("alternatives").get(0).get("transcript").asText())
                .filter(t -> !t.isEmpty()).toList();
        assertThat(shown).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo("mm-hmm"));
        assertThat(finals(messages).stream().filter(t -> !t.isEmpty()).toList()).containsExactly("mm-hmm");
    }

    private static List<String> finals(Recorder messages) {
        return messages.ofType("Results").stream().filter(r -> r.get("is_final").asBoolean())
                .map(r -> r.get("channel").get("alternatives").get(0).get("transcript").asText()).toList();
    }

    private WebSocket connect(String authorization, String query, Recorder recorder) {
        try {
            return http.newWebSocketBuilder().header("Authorization", authorization)
                    .buildAsync(URI.create(simulator.baseUrl() + "/v1/listen?" + query), recorder).join();
        } catch (CompletionException e) {
            throw e;
        }
    }

    /** Sends {@code Finalize} and waits for the result it flushes. */
    private static void finalizeAndAwait(WebSocket ws, Recorder messages) {
        ws.sendText("{\"type\":\"Finalize\"}", true).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.ofType("Results").stream()
                .anyMatch(r -> r.path("from_finalize").asBoolean()));
    }

    /** Sends μ-law audio as a phone call does: one 20 ms (160-byte) message after another. */
    private static void sendInFrames(WebSocket ws, byte[] audio) {
        for (int i = 0; i < audio.length; i += 160) {
            ws.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 160))), true).join();
        }
    }

    private static byte[] silence(int millis) {
        byte[] bytes = new byte[millis * 8];
        Arrays.fill(bytes, MuLaw.SILENCE);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int total = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Collects the server's text messages. */
    static final class Recorder implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean closed;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        List<JsonNode> ofType(String type) {
            return messages.stream().filter(m -> m.path("type").asText().equals(type)).toList();
        }
    }
}
