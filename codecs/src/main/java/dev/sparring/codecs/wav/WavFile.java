package dev.sparring.codecs.wav;

import dev.sparring.codecs.PcmAudio;

/**
 * A parsed WAV file: its decoded samples and the encoding they were stored in.
 *
 * @param encoding how the samples were stored on disk
 * @param audio the decoded PCM16 samples, interleaved as in the file
 */
public record WavFile(WavEncoding encoding, PcmAudio audio) {
}
