/**
 * One-call conversions between the telephone wire format (G.711 μ-law, 8 kHz) and PCM16 at a
 * pipeline rate, each holding the one stateful resampler its direction needs:
 * {@link dev.sparring.codecs.transcode.MuLawToPcm} for audio coming in from a phone and
 * {@link dev.sparring.codecs.transcode.PcmToMuLaw} for audio going out to it.
 */
package dev.sparring.codecs.transcode;
