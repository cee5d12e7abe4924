package dev.sparring.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.wav.WavEncoding;
import dev.sparring.codecs.wav.WavWriter;
import dev.sparring.loadtest.audio.SpeechSynthesizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A practice call from the browser: headless Chromium opens the control plane's practice page,
 * signs in, picks a scenario, and talks to the prospect over WebRTC (ICE-lite, DTLS-SRTP, Opus)
 * with a recorded WAV as its microphone, against both services running as separate JVMs.
 *
 * <p>The rep's WAV holds three spoken lines at known places: the second is followed closely by the
 * third, which starts while the prospect is answering (a barge-in). Checked: the server found the
 * rep's speech segments with the WAV's durations and spacing; the transcript was stored with both
 * speakers; the page received and played the prospect's voice (measured in the page with WebAudio);
 * and the barge-in stopped the prospect's audio in the browser.
 */
class BrowserCallEndToEndTest {
    /** Silence before the first line: connection set-up and the prospect's greeting. */
    private static final int LEAD_MS = 9_000;
    /** Room for the prospect's answer after the first line. */
    private static final int ANSWER_ROOM_MS = 9_000;
    /** After the second line, the third starts this soon: the prospect is answering by then. */
    private static final int BARGE_IN_GAP_MS = 3_300;
    private static final int TAIL_MS = 8_000;
    private static final List<String> LINES = List.of(
            "Hi Jordan, my name is Sam from Harbor Lending. Do you have a few minutes to talk about your refinance?",
            "Great. What rate and monthly payment do you have today, and what were you quoted online?",
            "Sorry to jump in, was that quote the rate or the APR?");

    private static Deployment deployment;
    private static Path wav;
    private static List<int[]> wavSegments;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        BrowserRunner.requirePrerequisites();
        deployment = new Deployment(Map.of(), Map.of()).start();
        wav = dir.resolve("rep.wav");
        wavSegments = writeRepWav(wav);
    }

    @AfterAll
    static void stop() throws Exception {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void aRepTalksToTheProspectFromTheBrowser() throws Exception {
        int wavMs = wavSegments.get(wavSegments.size() - 1)[1] + TAIL_MS;
        ObjectNode args = Deployment.JSON.createObjectNode()
                .put("url", deployment.controlPlaneUrl())
                .put("apiKey", deployment.apiKey)
                .put("scenario", "refinance-rate-shopper")
                .put("wav", wav.toString())
                // Stay for one pass of the WAV (Chromium loops it), minus the set-up it already played through.
                .put("stayMs", wavMs - 1_500)
                .put("waitFor", "connected")
                .put("afterEndMs", 3_000);
        JsonNode result = BrowserRunner.run(args, Duration.ofMinutes(3));
        assertThat(result.path("ok").asBoolean()).as("harness result %s", result).isTrue();
        assertThat(result.path("callError").isMissingNode() || result.path("callError").isNull()
                || result.path("callError").asText().isEmpty()).as("call error: %s", result.path("callError")).isTrue();
        String callId = result.path("callId").asText();
        assertThat(callId).isNotEmpty();

        JsonNode call = deployment.awaitState(callId, Duration.ofSeconds(60), "ended", "scored");
        JsonNode stats = result.path("stats");

        // The server heard the rep's lines where the WAV has them: same durations, same spacing.
        List<JsonNode> rep = utterances(call, "rep");
        assertThat(rep).as("rep utterances %s", rep).hasSizeGreaterThanOrEqualTo(LINES.size());
        for (int i = 0; i < LINES.size(); i++) {
            int wavLength = wavSegments.get(i)[1] - wavSegments.get(i)[0];
            int heardLength = rep.get(i).path("end_ms").asInt() - rep.get(i).path("start_ms").asInt();
            assertThat(heardLength).as("line %d: %d ms in the WAV, %d ms detected", i + 1, wavLength, heardLength)
                    .isBetween(wavLength - 500, wavLength + 700);
        }
        for (int i = 1; i < LINES.size(); i++) {
            int wavSpacing = wavSegments.get(i)[0] - wavSegments.get(i - 1)[0];
            int heardSpacing = rep.get(i).path("start_ms").asInt() - rep.get(i - 1).path("start_ms").asInt();
            assertThat(heardSpacing).as("spacing of lines %d and %d", i, i + 1).isBetween(wavSpacing - 400, wavSpacing + 400);
        }

        // The transcript was stored with the prospect's words too.
        List<JsonNode> prospect = utterances(call, "prospect");
        assertThat(prospect).isNotEmpty();
        assertThat(prospect.get(0).path("text").asText()).isNotBlank();

        // The browser received and played the prospect's voice.
        assertThat(stats.path("remoteVoicedMs").asLong()).as("page stats %s", stats).isGreaterThan(2_000);
        JsonNode voiced = stats.path("remoteVoicedSegments");
        assertThat(voiced.size()).isGreaterThanOrEqualTo(2);

        // The third line barged in: the prospect's reply it cut is stored as interrupted, and what the
        // caller heard of it ended soon after the rep began (barge-in-min-speech is 300 ms)...
        JsonNode bargeInLine = rep.get(2);
        long onset = bargeInLine.path("start_ms").asLong();
        JsonNode cut = prospect.stream().filter(u -> u.path("interrupted").asBoolean()
                        && u.path("start_ms").asLong() < onset && u.path("end_ms").asLong() > onset).findFirst()
                .orElseThrow(() -> new AssertionError("no prospect utterance cut by the rep's third line "
                        + bargeInLine + " in " + call.path("transcript")));
        JsonNode bargeIn = StreamSupport.stream(call.path("events").spliterator(), false)
                .filter(e -> e.path("type").asText().equals("barge_in")
                        && e.path("data").path("turn").asInt() == cut.path("turn").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("no barge_in event for turn " + cut.path("turn") + " in " + call.path("events")));
        long heardUntil = cut.path("start_ms").asLong() + bargeIn.path("data").path("heard_ms").asLong();
        assertThat(heardUntil).as("the prospect was heard until %d ms; the rep began at %d ms", heardUntil, onset)
                .isBetween(onset, onset + 1_000);
        // ...and in the browser the prospect's voice stopped then (page times count from the answer;
        // the call went live when DTLS completed, at about "connected"; the page meter holds 250 ms).
        long stopAtPage = heardUntil + stats.path("connectedAtMs").asLong();
        boolean stopped = StreamSupport.stream(voiced.spliterator(), false).anyMatch(s ->
                s.path("startMs").asLong() < stopAtPage && s.path("endMs").asLong() >= stopAtPage - 300
                        && s.path("endMs").asLong() <= stopAtPage + 800);
        assertThat(stopped).as("the page's prospect audio stops at about %d ms (page time): %s", stopAtPage, voiced).isTrue();
    }

    private static List<JsonNode> utterances(JsonNode call, String speaker) {
        List<JsonNode> out = new ArrayList<>();
        call.path("transcript").forEach(u -> {
            if (speaker.equals(u.path("speaker").asText())) {
                out.add(u);
            }
        });
        return out;
    }

    /** Speaks the lines with FreeTTS into one 48 kHz WAV; returns each line's [start, end] in ms. */
    private static List<int[]> writeRepWav(Path path) throws IOException {
        List<int[]> segments = new ArrayList<>();
        List<short[]> parts = new ArrayList<>();
        int rate;
        try (SpeechSynthesizer voice = new SpeechSynthesizer()) {
            List<PcmAudio> spoken = LINES.stream().map(voice::synthesize).toList();
            rate = spoken.get(0).sampleRate();
            int at = LEAD_MS;
            parts.add(new short[rate / 1000 * LEAD_MS]);
            for (int i = 0; i < spoken.size(); i++) {
                short[] speech = trimSilence(spoken.get(i).samples());
                int ms = speech.length * 1000 / rate;
                segments.add(new int[] {at, at + ms});
                parts.add(speech);
                at += ms;
                int gap = i == spoken.size() - 1 ? TAIL_MS : i == 0 ? ANSWER_ROOM_MS : BARGE_IN_GAP_MS;
                parts.add(new short[rate / 1000 * gap]);
                at += gap;
            }
        }
        int total = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[total];
        int offset = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, offset, p.length);
            offset += p.length;
        }
        WavWriter.write(PcmAudio.mono(rate, all), WavEncoding.PCM_16, path);
        Files.writeString(path.resolveSibling("rep-segments.txt"), segments.stream()
                .map(s -> s[0] + ".." + s[1]).toList().toString(), StandardCharsets.UTF_8);
        return segments;
    }

    /** FreeTTS pads its output with silence; the WAV's segment bounds must be the voice's. */
    private static short[] trimSilence(short[] samples) {
        int threshold = 300;
        int first = 0;
        while (first < samples.length && Math.abs(samples[first]) < threshold) {
            first++;
        }
        int last = samples.length - 1;
        while (last > first && Math.abs(samples[last]) < threshold) {
            last--;
        }
        return java.util.Arrays.copyOfRange(samples, first, last + 1);
    }

    /** Runs browser/practice-page.mjs (Node + playwright-core + the system Chromium). */
    static final class BrowserRunner {
        private static final Path SCRIPT = Path.of("../browser/practice-page.mjs").toAbsolutePath().normalize();

        /** Fails (never skips) with what to install when a prerequisite is missing. */
        static void requirePrerequisites() {
            if (!Files.isRegularFile(SCRIPT.resolveSibling("node_modules/playwright-core/package.json"))) {
                throw new AssertionError("browser/node_modules is missing: run `npm ci --prefix browser` (./sparring test does)");
            }
            String chromium = System.getenv().getOrDefault("SPARRING_CHROMIUM", "/usr/bin/chromium");
            if (!Files.isExecutable(Path.of(chromium))) {
                throw new AssertionError("Chromium is not installed at " + chromium + ": apt-get install chromium (.ci/run does)");
            }
        }

        static JsonNode run(JsonNode args, Duration timeout) throws Exception {
            Process process = new ProcessBuilder("node", SCRIPT.toString(), args.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the browser harness did not finish within " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String last = text.lines().reduce((a, b) -> b).orElse("");
            if (process.exitValue() != 0) {
                throw new AssertionError("the browser harness failed (exit " + process.exitValue() + "): " + text);
            }
            return Deployment.JSON.readTree(last);
        }
    }
}
