package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.AudioEncoding;

/**
 * The ElevenLabs {@code output_format} values Sparring asks for: raw audio the pipeline plays without
 * decoding (https://elevenlabs.io/docs/api-reference/text-to-speech/stream, query {@code output_format}).
 */
public enum OutputFormat {
    /** G.711 μ-law 8 kHz: passes straight through to a Twilio phone call. */
    ULAW_8000("ulaw_8000", AudioEncoding.MULAW_8K),
    /** PCM16 little-endian 16 kHz: the pipeline's working format (WebRTC, local playout). */
    PCM_16000("pcm_16000", AudioEncoding.PCM16_16K);

    private final String wireName;
    private final AudioEncoding encoding;

    OutputFormat(String wireName, AudioEncoding encoding) {
        this.wireName = wireName;
        this.encoding = encoding;
    }

    /** The query value, e.g. {@code ulaw_8000}. */
    public String wireName() {
        return wireName;
    }

    /** How the pipeline should read the audio. */
    public AudioEncoding encoding() {
        return encoding;
    }
}
