package dev.sparring.codecs.vad;

/**
 * The verdict on one frame.
 *
 * @param speech whether the frame belongs to speech, after onset and hangover smoothing; this is
 *     what turn-taking should act on
 * @param probability a soft score in 0..1 for the frame alone, before smoothing; 0.5 at the
 *     detector's threshold. Not a calibrated probability for an energy detector
 * @param energyDbfs the frame's RMS level in dBFS
 * @param noiseFloorDbfs the detector's current noise-floor estimate in dBFS, or
 *     {@link Double#NaN} for detectors that do not track one
 */
public record VadResult(boolean speech, double probability, double energyDbfs, double noiseFloorDbfs) {
}
