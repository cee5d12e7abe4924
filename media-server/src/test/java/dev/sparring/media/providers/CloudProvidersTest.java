package dev.sparring.media.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.media.config.ConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which provider plays each part, and why: from the settings and the keys in the environment. */
class CloudProvidersTest {
    private static final ProviderSettings AUTO = new ProviderSettings("auto", "auto", "auto", "cascaded",
            "nova-3", "en-US", "gpt-4o-mini", "eleven_flash_v2_5", "gpt-realtime");

    @Test
    void autoUsesACloudProviderOnlyWhenItsKeyIsSet() {
        try (CloudProviders none = CloudProviders.resolve(AUTO, Map.of(), new SimpleMeterRegistry())) {
            assertThat(none.decisions()).contains(
                    "stt: replay (stt-provider=auto and DEEPGRAM_API_KEY is not set)",
                    "llm: scripted (llm-provider=auto and OPENAI_API_KEY is not set)",
                    "tts: local (tts-provider=auto and ELEVENLABS_API_KEY is not set)");
        }
        try (CloudProviders some = CloudProviders.resolve(AUTO, Map.of("DEEPGRAM_API_KEY", "k", "OPENAI_API_KEY", " "),
                new SimpleMeterRegistry())) {
            assertThat(some.decisions()).contains("stt: deepgram (stt-provider=auto and DEEPGRAM_API_KEY is set)",
                    "llm: scripted (llm-provider=auto and OPENAI_API_KEY is not set)");
        }
    }

    @Test
    void anExplicitCloudChoiceWithoutItsKeyStopsTheStartWithTheKeyNamed() {
        ProviderSettings deepgram = new ProviderSettings("deepgram", "auto", "auto", "cascaded",
                "nova-3", "en-US", "gpt-4o-mini", "eleven_flash_v2_5", "gpt-realtime");
        assertThatThrownBy(() -> CloudProviders.resolve(deepgram, Map.of(), new SimpleMeterRegistry()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DEEPGRAM_API_KEY");
        ProviderSettings realtime = new ProviderSettings("auto", "auto", "auto", "realtime",
                "nova-3", "en-US", "gpt-4o-mini", "eleven_flash_v2_5", "gpt-realtime");
        assertThatThrownBy(() -> CloudProviders.resolve(realtime, Map.of(), new SimpleMeterRegistry()))
                .hasMessageContaining("pipeline-mode").hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> CloudProviders.resolve(AUTO, Map.of("OPENAI_API_KEY", "k", "OPENAI_BASE_URL", "not a url"),
                new SimpleMeterRegistry())).hasMessageContaining("OPENAI_BASE_URL");
        assertThatThrownBy(() -> new ProviderSettings("whisper", "auto", "auto", "cascaded", "m", "l", "o", "e", "r"))
                .hasMessageContaining("stt-provider");
    }
}
