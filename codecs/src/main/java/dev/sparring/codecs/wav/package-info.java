/**
 * WAV (RIFF WAVE) files: {@link dev.sparring.codecs.wav.WavReader} parses PCM16, μ-law and A-law
 * files at any sample rate and channel count (including {@code WAVE_FORMAT_EXTENSIBLE}), and
 * {@link dev.sparring.codecs.wav.WavWriter} writes them. Malformed or unsupported files raise
 * {@link dev.sparring.codecs.CodecException} naming what is wrong.
 */
package dev.sparring.codecs.wav;
