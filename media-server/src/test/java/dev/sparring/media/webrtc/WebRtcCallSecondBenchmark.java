package dev.sparring.media.webrtc;

import dev.sparring.codecs.opus.OpusEncoder;
import dev.sparring.media.webrtc.srtp.SrtpContext;
import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import dev.sparring.media.webrtc.srtp.SrtpProfile;
import dev.sparring.media.webrtc.srtp.SrtpResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The media cost of one WebRTC call for one 20 ms tick with both sides talking, which is what a
 * call-second costs divided by 50: an inbound SRTP packet authenticated and decrypted, depacketised,
 * through the jitter buffer and decoded from Opus to PCM16 16 kHz; 20 ms of the prospect's PCM
 * queued, encoded to Opus and packetised; and one SRTP protect, which stands for the outbound
 * packet's protection (the "browser" side protecting the next inbound packet costs the same as the
 * server protecting its outbound one). Silence costs nothing outbound (the playout sends nothing
 * when idle), so this is the worst case: full duplex speech.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WebRtcCallSecondBenchmark {
    private static final int PAYLOAD_TYPE = 111;
    private static final int FRAMES = 50;

    private MediaPath media;
    private SrtpContext browser;
    private SrtpContext server;
    private byte[][] opusFrames;
    private byte[] pcmFrame;
    private byte[] rtp = new byte[12 + 400];
    private int seq;
    private long timestamp;
    private long now;
    private int frame;

    @Setup(Level.Trial)
    public void setUp() {
        WebRtcConfig config = new WebRtcConfig(true, 0, List.of(InetAddress.getLoopbackAddress()), List.of(),
                Duration.ofSeconds(20), Duration.ofSeconds(30), 24_000, 5, Duration.ofMillis(20), Duration.ofMillis(120));
        media = MediaPath.create(config, PAYLOAD_TYPE, 0x1234_5678L, "bench", Clock.systemUTC(),
                new WebRtcMetrics(new SimpleMeterRegistry()), frame -> { }, mark -> { });
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        SrtpKeyMaterial keys = new SrtpKeyMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt, key.clone(), salt.clone());
        browser = SrtpContext.forInbound(keys);
        server = SrtpContext.forInbound(keys);
        short[] voice = voice(FRAMES * 320);
        opusFrames = new byte[FRAMES][];
        try (OpusEncoder encoder = new OpusEncoder(config.opusEncoder())) {
            byte[] out = new byte[400];
            for (int f = 0; f < FRAMES; f++) {
                short[] pcm = java.util.Arrays.copyOfRange(voice, f * 320, f * 320 + 320);
                int n = encoder.encode(pcm, out);
                opusFrames[f] = java.util.Arrays.copyOf(out, n);
            }
        }
        pcmFrame = new byte[640];
        for (int i = 0; i < 320; i++) {
            pcmFrame[2 * i] = (byte) voice[i];
            pcmFrame[2 * i + 1] = (byte) (voice[i] >> 8);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        media.close();
    }

    @Benchmark
    public int fullDuplexTick() {
        byte[] opus = opusFrames[frame];
        frame = (frame + 1) % FRAMES;
        int length = writeRtp(opus);
        byte[] srtp = browser.protectRtp(rtp, 0, length);
        if (!(server.unprotectRtp(srtp, 0, srtp.length) instanceof SrtpResult.Ok ok)) {
            throw new IllegalStateException("SRTP round trip failed at seq " + seq);
        }
        now += WebRtcPeer.TICK_MS;
        media.onRtp(ok.packet(), now);
        media.pollInbound(now);
        media.enqueue(pcmFrame);
        return media.nextOutbound(now).map(MediaPath.Packet::length).orElse(0);
    }

    private int writeRtp(byte[] opus) {
        seq = (seq + 1) & 0xFFFF;
        timestamp += 960;
        rtp[0] = (byte) 0x80;
        rtp[1] = (byte) PAYLOAD_TYPE;
        rtp[2] = (byte) (seq >>> 8);
        rtp[3] = (byte) seq;
        rtp[4] = (byte) (timestamp >>> 24);
        rtp[5] = (byte) (timestamp >>> 16);
        rtp[6] = (byte) (timestamp >>> 8);
        rtp[7] = (byte) timestamp;
        rtp[8] = 0x0a;
        rtp[9] = 0x0b;
        rtp[10] = 0x0c;
        rtp[11] = 0x0d;
        System.arraycopy(opus, 0, rtp, 12, opus.length);
        return 12 + opus.length;
    }

    /** A voiced, speech-like signal: harmonics of a gliding pitch, syllable-rate amplitude modulation. */
    private static short[] voice(int samples) {
        short[] out = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / 16_000.0;
            double pitch = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / 16_000.0;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
            out[i] = (short) (v * envelope * 6_000);
        }
        return out;
    }
}
