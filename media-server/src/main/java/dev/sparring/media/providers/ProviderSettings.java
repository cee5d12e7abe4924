package dev.sparring.media.providers;

import dev.sparring.media.config.ConfigException;
import java.util.Set;

/**
 * Which provider plays each part of a call, as configured ({@code stt-provider}, {@code llm-provider},
 * {@code tts-provider}) plus the per-vendor model settings. {@code auto} picks the cloud provider
 * whose API key is in the environment and the offline one otherwise; naming a cloud provider whose
 * key is missing is a startup error. API keys and base URLs come from the environment
 * ({@code DEEPGRAM_API_KEY}, {@code DEEPGRAM_BASE_URL}, {@code OPENAI_…}, {@code ELEVENLABS_…}).
 */
public record ProviderSettings(String stt, String llm, String tts, String pipeline, String deepgramModel,
                               String deepgramLanguage, String openaiModel, String elevenlabsModel, String realtimeModel) {

    public ProviderSettings {
        require("stt-provider", stt, Set.of("auto", "replay", "deepgram"));
        require("llm-provider", llm, Set.of("auto", "scripted", "openai"));
        require("tts-provider", tts, Set.of("auto", "local", "elevenlabs"));
        require("pipeline-mode", pipeline, Set.of("cascaded", "realtime"));
    }

    /** Everything offline: the replay recogniser, the scripted persona and the local voice. */
    public static ProviderSettings offline() {
        return new ProviderSettings("replay", "scripted", "local", "cascaded", "nova-3", "en-US", "gpt-4o-mini",
                "eleven_flash_v2_5", "gpt-realtime");
    }

    private static void require(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ConfigException(key + " is '" + value + "'; expected one of " + new java.util.TreeSet<>(allowed));
        }
    }
}
