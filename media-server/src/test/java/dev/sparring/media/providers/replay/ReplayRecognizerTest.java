package dev.sparring.media.providers.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.SpeechToText;
import dev.sparring.media.providers.local.FreeTtsConfig;
import dev.sparring.media.providers.local.FreeTtsTextToSpeech;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ReplayRecognizerTest {
    private static final FreeTtsTextToSpeech TTS = new FreeTtsTextToSpeech(FreeTtsConfig.defaults());
    private final List<String> heard = new ArrayList<>();

    @AfterAll
    static void close() {
        TTS.close();
    }

    private SpeechToText.Stream open(Optional<CallScript> script) {
        return new ReplayRecognizer(ReplayConfig.defaults(), script).open(new SpeechToText.Listener() {
            @Override
            public void onInterim(SpeechToText.Transcript t) {
                heard.add("interim:" + t.text());
            }

            @Override
            public void onFinal(SpeechToText.Transcript t) {
                heard.add("final:" + t.text() + ":" + t.recognised());
            }

            @Override
            public void onEndOfSpeech() {
                heard.add("eos");
            }

            @Override
            public void onError(ProviderException error) {
                heard.add("error");
            }
        });
    }

    private static void feed(SpeechToText.Stream stream, byte[] pcm) {
        for (int i = 0; i + 640 <= pcm.length; i += 640) {
            stream.sendAudio(Arrays.copyOfRange(pcm, i, i + 640));
        }
        byte[] silence = new byte[640];
        for (int i = 0; i < 40; i++) {
            stream.sendAudio(silence);
        }
    }

    private static byte[] say(String text) {
        return TTS.synthesizeNow(text, "kevin16");
    }

    @Test
    void matchesScriptLinesToRealSpeechSegmentsInOrderAndSkipsAMissingBackchannel() {
        CallScript script = CallScript.load(Path.of("src/test/resources/fixtures/scripts"), "backchannel-then-answer");
        SpeechToText.Stream stream = open(Optional.of(script));
        feed(stream, say(script.lines().get(0).text()));
        // The rep never says the backchannel: a long segment cannot be it, so the next line matches.
        feed(stream, say(script.lines().get(2).text()));

        List<String> finals = heard.stream().filter(h -> h.startsWith("final:")).toList();
        assertThat(finals).containsExactly("final:" + script.lines().get(0).text() + ":true",
                "final:" + script.lines().get(2).text() + ":true");
        assertThat(heard).filteredOn(h -> h.equals("eos")).hasSize(2);
        assertThat(heard).contains("interim:Hi");
    }

    @Test
    void withoutAScriptEverySegmentIsAnUnrecognisedFinal() {
        SpeechToText.Stream stream = open(Optional.empty());
        feed(stream, say("Hello, is this a good time?"));
        assertThat(heard).containsExactly("final::false", "eos");
    }
}
