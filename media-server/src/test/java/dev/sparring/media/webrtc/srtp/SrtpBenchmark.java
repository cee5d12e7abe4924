package dev.sparring.media.webrtc.srtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SRTP cost per 20 ms Opus packet (12-byte header, 100-byte payload): what one call spends per
 * packet and direction. The sequence number advances every operation, so the receiver never sees
 * a replay and rolls over every 65536 packets as a real stream does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpBenchmark {
    private SrtpContext sender;
    private SrtpContext receiver;
    private byte[] rtp;
    private int seq;

    @Setup
    public void setUp() {
        byte[] key = Hex.bytes("000102030405060708090a0b0c0d0e0f");
        byte[] salt = Hex.bytes("101112131415161718191a1b1c1d");
        sender = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt);
        receiver = SrtpContext.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt);
        rtp = SrtpContextTest.rtp(0, 100);
    }

    @Benchmark
    public byte[] protect() {
        return sender.protectRtp(nextPacket(), 0, rtp.length);
    }

    @Benchmark
    public byte[] protectAndUnprotect() {
        byte[] srtp = sender.protectRtp(nextPacket(), 0, rtp.length);
        if (receiver.unprotectRtp(srtp, 0, srtp.length) instanceof SrtpResult.Ok ok) {
            return ok.packet();
        }
        throw new IllegalStateException("round trip failed at seq " + seq);
    }

    private byte[] nextPacket() {
        seq = (seq + 1) & 0xFFFF;
        rtp[2] = (byte) (seq >>> 8);
        rtp[3] = (byte) seq;
        return rtp;
    }
}
