package dev.sparring.codecs.bench;

import dev.sparring.codecs.g711.MuLaw;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** μ-law per 20 ms telephone frame: 160 bytes ⇄ 160 samples. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G711Benchmark {

    private final short[] pcm = new short[160];
    private final byte[] ulaw = new byte[160];

    @Setup
    public void setUp() {
        System.arraycopy(FrameFixtures.pcm(160, 8_000, 1), 0, pcm, 0, 160);
        MuLaw.encode(pcm, 0, ulaw, 0, 160);
    }

    @Benchmark
    public short[] muLawDecode160() {
        MuLaw.decode(ulaw, 0, pcm, 0, 160);
        return pcm;
    }

    @Benchmark
    public byte[] muLawEncode160() {
        MuLaw.encode(pcm, 0, ulaw, 0, 160);
        return ulaw;
    }
}
