package dev.sparring.codecs.bench;

import dev.sparring.codecs.pcm.Levels;
import dev.sparring.codecs.pcm.Mixer;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.vad.EnergyVad;
import dev.sparring.codecs.vad.VadResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-frame work on the canonical format (320 samples, 16 kHz): VAD, levels, byte conversion and
 * mixing. The VAD walks through one second of audio so its state keeps changing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameAnalysisBenchmark {

    private static final int FRAME = 320;

    private short[] second;
    private short[] frame;
    private short[] other;
    private short[] mixed;
    private byte[] bytes;
    private EnergyVad vad;
    private int offset;

    @Setup
    public void setUp() {
        second = FrameFixtures.pcm(16_000, 16_000, 3);
        frame = FrameFixtures.pcm(FRAME, 16_000, 4);
        other = FrameFixtures.pcm(FRAME, 16_000, 5);
        mixed = new short[FRAME];
        bytes = PcmBytes.toBytes(frame);
        vad = new EnergyVad();
    }

    @Benchmark
    public VadResult energyVadFrame() {
        VadResult result = vad.process(second, offset);
        offset = (offset + FRAME) % second.length;
        return result;
    }

    @Benchmark
    public double rmsDbfsFrame() {
        return Levels.rmsDbfs(frame, 0, FRAME);
    }

    @Benchmark
    public double peakDbfsFrame() {
        return Levels.peakDbfs(frame, 0, FRAME);
    }

    @Benchmark
    public short[] littleEndianBytesToShortsFrame() {
        PcmBytes.toShorts(bytes, 0, mixed, 0, FRAME);
        return mixed;
    }

    @Benchmark
    public short[] mixFrame() {
        Mixer.mix(frame, 0, other, 0, mixed, 0, FRAME);
        return mixed;
    }
}
