/**
 * Voice activity detection on the canonical format (PCM16 mono 16 kHz, 20 ms frames):
 * the {@link dev.sparring.codecs.vad.VoiceActivityDetector} interface and
 * {@link dev.sparring.codecs.vad.EnergyVad}, an adaptive energy detector configured by
 * {@link dev.sparring.codecs.vad.EnergyVadConfig}.
 */
package dev.sparring.codecs.vad;
