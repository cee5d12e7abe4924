package dev.sparring.codecs.wav;

import java.util.Optional;

/** The sample encodings Sparring reads and writes in WAV files, with their RIFF format tags. */
public enum WavEncoding {

    /** Linear PCM, 16 bits signed little-endian (format tag 1). */
    PCM_16(1, 16),
    /** G.711 A-law, 8 bits (format tag 6). */
    A_LAW(6, 8),
    /** G.711 μ-law, 8 bits (format tag 7): what telephone recordings use. */
    MU_LAW(7, 8);

    private final int formatTag;
    private final int bitsPerSample;

    WavEncoding(int formatTag, int bitsPerSample) {
        this.formatTag = formatTag;
        this.bitsPerSample = bitsPerSample;
    }

    /** @return the RIFF {@code wFormatTag} */
    public int formatTag() {
        return formatTag;
    }

    /** @return bits per sample on disk */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** @return bytes per sample on disk */
    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** @return the encoding with this format tag, if Sparring supports it */
    public static Optional<WavEncoding> ofFormatTag(int formatTag) {
        for (WavEncoding encoding : values()) {
            if (encoding.formatTag == formatTag) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
