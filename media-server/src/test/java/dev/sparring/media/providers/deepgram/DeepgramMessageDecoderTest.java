package dev.sparring.media.providers.deepgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Server messages transcribed from Deepgram's documentation (URLs in each fixture's {@code _source}). */
class DeepgramMessageDecoderTest {
    private final DeepgramMessageDecoder decoder = new DeepgramMessageDecoder();

    @Test
    void readsAFinalResultWithWordTimings() throws Exception {
        DeepgramMessage.Results results = (DeepgramMessage.Results) decoder.decode(fixture("results-final.json"));
        assertThat(results.isFinal()).isTrue();
        assertThat(results.speechFinal()).isTrue();
        assertThat(results.fromFinalize()).isFalse();
        assertThat(results.start()).isEqualTo(5.99);
        assertThat(results.end()).isEqualTo(5.99 + 1.98);
        assertThat(results.transcript()).isEqualTo("Another big problem in the speech analytics space.");
        assertThat(results.words()).hasSize(8);
        assertThat(results.words().getFirst()).isEqualTo(new DeepgramMessage.Word("Another", 6.08, 6.32));
        assertThat(results.words().getLast().text()).isEqualTo("space.");
    }

    @Test
    void readsUtteranceEndSpeechStartedAndMetadata() throws Exception {
        assertThat(decoder.decode(fixture("utterance-end.json"))).isEqualTo(new DeepgramMessage.UtteranceEnd(2.395));
        assertThat(decoder.decode(fixture("speech-started.json"))).isEqualTo(new DeepgramMessage.SpeechStarted(9.54));
        assertThat(decoder.decode(fixture("metadata.json")))
                .isEqualTo(new DeepgramMessage.Metadata("8c8ebea9-dbec-45fa-a035-e4632cb05b5f", 0.0));
    }

    @Test
    void keepsUnknownTypesAndRejectsMalformedText() throws Exception {
        assertThat(decoder.decode("{\"type\":\"Warning\",\"description\":\"x\"}"))
                .isEqualTo(new DeepgramMessage.Other("Warning"));
        assertThatThrownBy(() -> decoder.decode("{\"type\":\"Results\",\"channel\":{\"alternatives\":[{\"transcr"))
                .isInstanceOf(DeepgramMessageDecoder.MalformedMessageException.class);
        assertThatThrownBy(() -> decoder.decode("{\"type\":\"Results\",\"start\":1}"))
                .isInstanceOf(DeepgramMessageDecoder.MalformedMessageException.class);
        assertThatThrownBy(() -> decoder.decode("[1,2]"))
                .isInstanceOf(DeepgramMessageDecoder.MalformedMessageException.class);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DeepgramMessageDecoderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
