package dev.sparring.codecs.opus;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 20 ms frame of speech (16 kHz mono) through the Opus encoder and decoder, cycling through
 * the speech fixture so the codec sees real, varying input. Runs in the {@code bench} profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpusBenchmark {

    @Param({"5", "10"})
    public int complexity;

    private short[][] frames;
    private byte[][] packets;
    private final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
    private final short[] out = new short[OpusDecoder.MAX_FRAME_SAMPLES];
    private OpusEncoder encoder;
    private OpusDecoder decoder;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        short[] speech;
        try (InputStream in = OpusBenchmark.class.getResourceAsStream("speech-16k.wav")) {
            speech = dev.sparring.codecs.wav.WavReader.read(in.readAllBytes()).audio().samples();
        }
        int count = speech.length / OpusEncoder.FRAME_SAMPLES;
        frames = new short[count][OpusEncoder.FRAME_SAMPLES];
        packets = new byte[count][];
        encoder = new OpusEncoder(OpusEncoderConfig.defaults().withComplexity(complexity));
        decoder = new OpusDecoder();
        for (int f = 0; f < count; f++) {
            System.arraycopy(speech, f * OpusEncoder.FRAME_SAMPLES, frames[f], 0, OpusEncoder.FRAME_SAMPLES);
            packets[f] = java.util.Arrays.copyOf(packet, encoder.encode(frames[f], packet));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public int encode20ms() {
        next = (next + 1) % frames.length;
        return encoder.encode(frames[next], packet);
    }

    @Benchmark
    public int decode20ms() {
        next = (next + 1) % packets.length;
        byte[] p = packets[next];
        return decoder.decode(p, 0, p.length, out);
    }

    @Benchmark
    public int conceal20ms() {
        return decoder.conceal(out, OpusEncoder.FRAME_SAMPLES);
    }
}
