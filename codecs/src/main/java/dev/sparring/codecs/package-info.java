/**
 * Audio codecs and signal utilities for Sparring, with no dependencies beyond the JDK.
 *
 * <ul>
 *   <li>{@link dev.sparring.codecs.AudioFormat} — the canonical internal format (PCM16 mono 16 kHz,
 *       20 ms frames) and the telephony/WebRTC formats around it.</li>
 *   <li>{@link dev.sparring.codecs.g711} — G.711 μ-law and A-law, bit-exact with ITU-T G.191.</li>
 *   <li>{@link dev.sparring.codecs.resample} — a streaming polyphase resampler.</li>
 *   <li>{@link dev.sparring.codecs.pcm} — levels, mixing, gain, byte order conversion.</li>
 *   <li>{@link dev.sparring.codecs.wav} — WAV read/write (PCM16, μ-law, A-law).</li>
 *   <li>{@link dev.sparring.codecs.vad} — voice activity detection.</li>
 *   <li>{@link dev.sparring.codecs.transcode} — μ-law 8 kHz ⇄ PCM16 in one allocation-free call.</li>
 * </ul>
 *
 * <p>Malformed or unsupported <em>data</em> raises {@link dev.sparring.codecs.CodecException};
 * programming errors (bad offsets, wrong frame sizes) raise the JDK's
 * {@link java.lang.IndexOutOfBoundsException} or {@link java.lang.IllegalArgumentException}.
 */
package dev.sparring.codecs;
