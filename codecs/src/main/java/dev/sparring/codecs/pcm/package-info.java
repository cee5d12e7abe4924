/**
 * Stateless utilities over PCM16 samples held in {@code short[]}: levels in dBFS
 * ({@link dev.sparring.codecs.pcm.Levels}), mixing and gain with saturation
 * ({@link dev.sparring.codecs.pcm.Mixer}), little-endian byte conversion
 * ({@link dev.sparring.codecs.pcm.PcmBytes}) and channel down-mixing
 * ({@link dev.sparring.codecs.pcm.Channels}). Every per-frame method works on an
 * offset/length range and writes into caller-provided arrays, allocating nothing.
 */
package dev.sparring.codecs.pcm;
