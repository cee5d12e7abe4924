package dev.sparring.codecs.bench;

import dev.sparring.codecs.resample.Resampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One 20 ms frame through a streaming resampler, per rate pair. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResamplerBenchmark {

    @Param({"8000:16000", "16000:8000", "48000:16000", "16000:48000"})
    public String pair;

    private Resampler resampler;
    private short[] input;
    private short[] output;

    @Setup
    public void setUp() {
        String[] rates = pair.split(":");
        int in = Integer.parseInt(rates[0]);
        int out = Integer.parseInt(rates[1]);
        resampler = Resampler.create(in, out);
        input = FrameFixtures.pcm(in / 50, in, 2);
        output = new short[out / 50];
    }

    @Benchmark
    public short[] frame() {
        resampler.process(input, 0, input.length, output, 0);
        return output;
    }
}
