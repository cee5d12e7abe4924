package dev.sparring.media.providers.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message shapes transcribed from
 * https://elevenlabs.io/docs/api-reference/text-to-speech/v-1-text-to-speech-voice-id-multi-stream-input
 * (AudioOutputMulti, FinalOutputMulti) and the stream-input page
 * https://elevenlabs.io/docs/api-reference/text-to-speech/websockets (alignment spelled {@code charsDurationsMs}).
 */
class ElevenLabsMessagesTest {

    @Test
    void decodesAnAudioMessageWithAlignment() {
        ServerMessage m = ElevenLabsMessages.decode("""
                {"audio":"AAEC","normalizedAlignment":{"chars":["H","i"],"charStartTimesMs":[0,40],"charsDurationsMs":[40,60]},
                 "alignment":{"chars":["H","i"],"charStartTimesMs":[0,40],"charDurationsMs":[40,60]},"contextId":"turn-1"}""");
        assertThat(m).isInstanceOfSatisfying(ServerMessage.Output.class, out -> {
            assertThat(out.contextId()).isEqualTo("turn-1");
            assertThat(out.audio()).containsExactly(0, 1, 2);
            assertThat(out.isFinal()).isFalse();
            assertThat(out.alignment()).hasValue(new Alignment(List.of("H", "i"), List.of(0, 40), List.of(40, 60)));
        });
    }

    @Test
    void decodesTheFinalMessageAndNullAlignments() {
        assertThat(ElevenLabsMessages.decode("{\"isFinal\":true,\"contextId\":\"turn-1\"}"))
                .isInstanceOfSatisfying(ServerMessage.Output.class, out -> {
                    assertThat(out.contextId()).isEqualTo("turn-1");
                    assertThat(out.audio()).isEmpty();
                    assertThat(out.isFinal()).isTrue();
                });
        assertThat(ElevenLabsMessages.decode("{\"audio\":\"AA==\",\"alignment\":null,\"normalizedAlignment\":null,\"contextId\":\"c\"}"))
                .isInstanceOfSatisfying(ServerMessage.Output.class, out -> assertThat(out.alignment()).isEmpty());
    }

    @Test
    void errorsAndGarbageAreValues() {
        assertThat(ElevenLabsMessages.decode("{\"message\":\"Invalid API key\",\"error\":\"invalid_api_key\",\"code\":1008}"))
                .isInstanceOfSatisfying(ServerMessage.ServerError.class, e -> assertThat(e.error()).isEqualTo("invalid_api_key"));
        assertThat(ElevenLabsMessages.decode("{\"audio\": \"")).isInstanceOf(ServerMessage.Malformed.class);
        assertThat(ElevenLabsMessages.decode("{\"audio\":\"***\",\"contextId\":\"c\"}")).isInstanceOf(ServerMessage.Malformed.class);
        assertThat(ElevenLabsMessages.decode("{\"audio\":\"AA==\"}")).isInstanceOf(ServerMessage.Malformed.class);
        assertThat(ElevenLabsMessages.decode("[1]")).isInstanceOf(ServerMessage.Malformed.class);
    }

    @Test
    void encodesTheClientMessages() {
        assertThat(ElevenLabsMessages.initContext("c1", VoiceSettings.DEFAULT, List.of(120, 160)))
                .isEqualTo("{\"text\":\" \",\"context_id\":\"c1\",\"voice_settings\":{\"stability\":0.5,\"similarity_boost\":0.75,"
                        + "\"speed\":1.0},\"generation_config\":{\"chunk_length_schedule\":[120,160]}}");
        assertThat(ElevenLabsMessages.text("c1", "Hello", true)).isEqualTo("{\"text\":\"Hello \",\"context_id\":\"c1\",\"flush\":true}");
        assertThat(ElevenLabsMessages.keepAlive("c1")).isEqualTo("{\"text\":\"\",\"context_id\":\"c1\"}");
        assertThat(ElevenLabsMessages.closeContext("c1")).isEqualTo("{\"context_id\":\"c1\",\"close_context\":true}");
    }

    @Test
    void wordsSpanningTwoAudioMessagesAreJoined() {
        WordAssembler words = new WordAssembler();
        assertThat(words.add(new Alignment(List.of("H", "i", " ", "t", "h"), List.of(0, 10, 20, 30, 40), List.of(10, 10, 10, 10, 10)), 0))
                .containsExactly(new TimedWord("Hi", 0, 20));
        assertThat(words.add(new Alignment(List.of("e", "r", "e"), List.of(0, 10, 20), List.of(10, 10, 15)), 250)).isEmpty();
        assertThat(words.finish()).containsExactly(new TimedWord("there", 30, 285));
        assertThat(WordTimings.heardText(List.of(new TimedWord("Hi", 0, 20), new TimedWord("there", 30, 285)), 30)).isEqualTo("Hi");
    }
}
