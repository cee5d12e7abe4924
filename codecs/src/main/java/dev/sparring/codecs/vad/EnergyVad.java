package dev.sparring.codecs.vad;

import dev.sparring.codecs.AudioFormat;
import dev.sparring.codecs.pcm.Levels;
import java.util.Objects;

/**
 * An adaptive energy voice activity detector. It tracks the background noise floor in dB with a
 * slow rise and a fast fall (so pauses between words re-anchor it and speech does not become it),
 * calls a frame loud when its RMS level exceeds the floor by a margin and an absolute threshold,
 * and smooths the loud/quiet sequence with an onset requirement and a hangover. The floor starts
 * at the first frame's level, so a stream that opens with steady noise is learnt at once.
 *
 * <p>Cheap (one pass over the samples and a logarithm per frame) and allocation-free apart from the
 * small result record. Not a speech classifier: loud non-speech sounds that stand out of the
 * background count as speech.
 *
 * <p>Owns its floor estimate and counters; not thread-safe — one instance per audio stream,
 * touched only by that stream's thread.
 */
public final class EnergyVad implements VoiceActivityDetector {

    private final EnergyVadConfig config;
    private final int frameSamples;
    private final double riseCoefficient;
    private final double fallCoefficient;

    private boolean started;
    private double floorDbfs;
    private boolean speaking;
    private int loudRun;
    private int hangoverLeft;

    /** @param config the detector settings */
    public EnergyVad(EnergyVadConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.frameSamples = AudioFormat.CANONICAL.frameSamples();
        double frameMillis = AudioFormat.CANONICAL.frameMillis();
        this.riseCoefficient = 1 - Math.exp(-frameMillis / config.floorRiseTime().toMillis());
        this.fallCoefficient = 1 - Math.exp(-frameMillis / config.floorFallTime().toMillis());
        reset();
    }

    /** A detector with {@link EnergyVadConfig#DEFAULTS}. */
    public EnergyVad() {
        this(EnergyVadConfig.DEFAULTS);
    }

    @Override
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public VadResult process(short[] samples, int offset) {
        double energy = Levels.rmsDbfs(samples, offset, frameSamples);
        if (!started) {
            floorDbfs = Math.max(energy, config.minimumFloorDbfs());
            started = true;
        }
        double excess = energy - (floorDbfs + config.marginDb());
        boolean loud = excess > 0 && energy >= config.absoluteThresholdDbfs();
        double probability = energy < config.absoluteThresholdDbfs()
                ? 0.0
                : 1 / (1 + Math.exp(-excess / config.slopeDb()));

        updateState(loud);
        updateFloor(energy);
        return new VadResult(speaking, probability, energy, floorDbfs);
    }

    @Override
    public void reset() {
        started = false;
        floorDbfs = config.minimumFloorDbfs();
        speaking = false;
        loudRun = 0;
        hangoverLeft = 0;
    }

    /** @return the current noise-floor estimate in dBFS */
    public double noiseFloorDbfs() {
        return floorDbfs;
    }

    private void updateState(boolean loud) {
        loudRun = loud ? loudRun + 1 : 0;
        if (loud) {
            if (speaking || loudRun >= config.onsetFrames()) {
                speaking = true;
                hangoverLeft = config.hangoverFrames();
            }
        } else if (speaking) {
            if (hangoverLeft > 0) {
                hangoverLeft--;
            } else {
                speaking = false;
            }
        }
    }

    private void updateFloor(double energy) {
        double coefficient = energy < floorDbfs ? fallCoefficient : riseCoefficient;
        floorDbfs = Math.max(config.minimumFloorDbfs(), floorDbfs + coefficient * (energy - floorDbfs));
    }
}
