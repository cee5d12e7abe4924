package dev.sparring.media.pipeline;

/** The audio encodings a transport can send and receive. */
public enum AudioEncoding {
    /** G.711 μ-law, 8 kHz mono, one byte per sample (Twilio Media Streams). */
    MULAW_8K(8_000, 1),
    /** Signed 16-bit little-endian PCM, 16 kHz mono: the pipeline's working format. */
    PCM16_16K(16_000, 2),
    /** Signed 16-bit little-endian PCM, 48 kHz mono (Opus/WebRTC after decoding). */
    PCM16_48K(48_000, 2);

    private final int sampleRate;
    private final int bytesPerSample;

    AudioEncoding(int sampleRate, int bytesPerSample) {
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Bytes needed for {@code millis} of audio in this encoding. */
    public int bytesFor(int millis) {
        return sampleRate / 1000 * millis * bytesPerSample;
    }

    /** Duration in milliseconds of {@code bytes} of audio in this encoding. */
    public double millisOf(int bytes) {
        return bytes * 1000.0 / (sampleRate * bytesPerSample);
    }
}
