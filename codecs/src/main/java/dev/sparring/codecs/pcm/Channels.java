package dev.sparring.codecs.pcm;

import java.util.Objects;

/** Channel layout helpers for interleaved PCM16. Stateless and thread-safe. */
public final class Channels {

    private Channels() {
    }

    /**
     * Averages the channels of interleaved frames into mono, rounding to nearest.
     *
     * @param interleaved samples, {@code channels} per frame
     * @param offset first sample of the first frame
     * @param frames number of frames (samples per channel) to convert
     * @param channels channels per frame, at least 1
     * @param destination receives {@code frames} mono samples from {@code destinationOffset}
     * @throws IllegalArgumentException if {@code channels} is below 1
     * @throws IndexOutOfBoundsException if either range lies outside its array
     */
    public static void downmix(short[] interleaved, int offset, int frames, int channels,
            short[] destination, int destinationOffset) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1: " + channels);
        }
        Objects.checkFromIndexSize(offset, frames * channels, interleaved.length);
        Objects.checkFromIndexSize(destinationOffset, frames, destination.length);
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            int base = offset + f * channels;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[base + c];
            }
            destination[destinationOffset + f] = (short) Math.round((double) sum / channels);
        }
    }

    /**
     * @return the mono down-mix of a whole interleaved array, newly allocated
     * @throws IllegalArgumentException if the length is not a multiple of {@code channels}
     */
    public static short[] downmix(short[] interleaved, int channels) {
        if (channels < 1 || interleaved.length % channels != 0) {
            throw new IllegalArgumentException(
                    interleaved.length + " samples do not form whole frames of " + channels + " channels");
        }
        short[] mono = new short[interleaved.length / channels];
        downmix(interleaved, 0, mono.length, channels, mono, 0);
        return mono;
    }
}
