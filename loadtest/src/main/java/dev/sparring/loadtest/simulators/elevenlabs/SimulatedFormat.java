package dev.sparring.loadtest.simulators.elevenlabs;

import java.util.Optional;

/**
 * The raw {@code output_format} values the simulator can produce: headerless μ-law or
 * little-endian PCM16 mono (https://elevenlabs.io/docs/api-reference/text-to-speech/stream, query
 * parameter {@code output_format}). MP3 and Opus formats are not simulated.
 */
public enum SimulatedFormat {
    ULAW_8000("ulaw_8000", 8_000, 1, "audio/basic"),
    PCM_8000("pcm_8000", 8_000, 2, "audio/pcm"),
    PCM_16000("pcm_16000", 16_000, 2, "audio/pcm"),
    PCM_24000("pcm_24000", 24_000, 2, "audio/pcm"),
    PCM_44100("pcm_44100", 44_100, 2, "audio/pcm"),
    PCM_48000("pcm_48000", 48_000, 2, "audio/pcm");

    private final String wireName;
    private final int sampleRate;
    private final int bytesPerSample;
    private final String contentType;

    SimulatedFormat(String wireName, int sampleRate, int bytesPerSample, String contentType) {
        this.wireName = wireName;
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
        this.contentType = contentType;
    }

    /** @return the format named by an {@code output_format} query value, if simulated */
    public static Optional<SimulatedFormat> parse(String wireName) {
        for (SimulatedFormat f : values()) {
            if (f.wireName.equals(wireName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return wireName;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    public String contentType() {
        return contentType;
    }

    /** Whole samples' bytes for {@code millis} of audio. */
    public int bytesFor(int millis) {
        return (int) ((long) sampleRate * millis / 1000) * bytesPerSample;
    }

    /** Milliseconds of audio in {@code bytes}. */
    public double millisOf(int bytes) {
        return bytes * 1000.0 / ((double) sampleRate * bytesPerSample);
    }
}
