package dev.sparring.media.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.opus.OpusEncoder;
import dev.sparring.codecs.pcm.PcmBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpusReceiverTest {

    private static final int PT = 111;

    /** A voiced, speech-like signal: harmonics of a drifting 140 Hz pitch at a 4 Hz syllable rate. */
    private static short[] voiced(int frames) {
        short[] out = new short[frames * 320];
        double phase = 0;
        for (int n = 0; n < out.length; n++) {
            double t = n / 16_000.0;
            double pitch = 140 * (1 + 0.1 * Math.sin(2 * Math.PI * 0.5 * t));
            phase += 2 * Math.PI * pitch / 16_000;
            double s = 0;
            for (int k = 1; k <= 12; k++) {
                s += Math.sin(k * phase) / k;
            }
            double envelope = 0.35 + 0.65 * (0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t));
            out[n] = (short) (5000 * s * envelope);
        }
        return out;
    }

    private record Sent(byte[] datagram, long arrival) {
    }

    /** Encodes and packetizes {@code frames} frames; packet i leaves at 20·i ms. */
    private static List<Sent> stream(int frames) {
        short[] signal = voiced(frames);
        RtpPacketizer packetizer = new RtpPacketizer(PT, 0xABCDEFL, 65_500, 1_000);
        List<Sent> out = new ArrayList<>();
        short[] frame = new short[320];
        byte[] opus = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder encoder = new OpusEncoder()) {
            for (int f = 0; f < frames; f++) {
                System.arraycopy(signal, f * 320, frame, 0, 320);
                int length = packetizer.packetize(opus, 0, encoder.encode(frame, opus));
                out.add(new Sent(Arrays.copyOf(packetizer.buffer(), length), 20L * f));
            }
        }
        return out;
    }

    private static double rmsDb(byte[] frame) {
        short[] s = PcmBytes.toShorts(frame);
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return 20 * Math.log10(Math.max(Math.sqrt(sum / s.length), 1e-3) / 32768);
    }

    @Test
    void deliversOneFrameEveryTickThroughReorderingLossAndIdle() {
        List<Sent> sent = new ArrayList<>(stream(250));
        Random random = new Random(11);
        // Drop 5 % (never two in a row, so FEC can help), and delay some packets by up to 30 ms.
        List<Sent> network = new ArrayList<>();
        boolean droppedLast = false;
        int dropped = 0;
        for (Sent s : sent) {
            if (!droppedLast && random.nextInt(20) == 0) {
                droppedLast = true;
                dropped++;
                continue;
            }
            droppedLast = false;
            network.add(new Sent(s.datagram(), s.arrival() + random.nextInt(30)));
        }
        network.sort(Comparator.comparingLong(Sent::arrival));

        List<byte[]> frames = new ArrayList<>();
        long endOfSpeech;
        try (OpusReceiver receiver = new OpusReceiver(PT, frames::add)) {
            int next = 0;
            long now = 0;
            // Before the first packet and 1 s after the last: silence keeps coming at real time.
            for (; now < 250 * 20 + 1_000; now += 20) {
                while (next < network.size() && network.get(next).arrival() <= now) {
                    Sent s = network.get(next++);
                    receiver.onPacket((RtpPacket) RtpPacket.parse(s.datagram(), 0, s.datagram().length), s.arrival());
                }
                receiver.tick(now);
            }
            // A DTMF packet of another payload type is ignored.
            byte[] dtmf = {(byte) 0x80, 126, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 10, 0, (byte) 160};
            receiver.onPacket((RtpPacket) RtpPacket.parse(dtmf, 0, dtmf.length), now);
            endOfSpeech = 250 * 20;

            OpusReceiverStats stats = receiver.stats();
            assertThat(frames).hasSize((int) (now / 20));
            assertThat(frames).allSatisfy(f -> assertThat(f).hasSize(640));
            assertThat(stats.framesDelivered()).isEqualTo(frames.size());
            assertThat(stats.jitter().lost() + stats.jitter().late()).isGreaterThanOrEqualTo(dropped);
            assertThat(stats.concealed() + stats.recoveredByFec()).isGreaterThanOrEqualTo(dropped);
            assertThat(stats.recoveredByFec()).isPositive();
            assertThat(stats.decoded()).isGreaterThan(250 - 2L * dropped - 20);
            assertThat(stats.otherPayloadTypes()).isEqualTo(1);
            assertThat(stats.decodeErrors()).isZero();
            assertThat(stats.jitter().extendedHighestSequence()).isEqualTo(65_500 + 249);
        }
        // Speech in the middle is loud; well after the stream stopped, frames are pure silence.
        assertThat(rmsDb(frames.get(100))).isGreaterThan(-30);
        int quietFrom = (int) ((endOfSpeech + 500) / 20);
        for (int i = quietFrom; i < frames.size(); i++) {
            assertThat(rmsDb(frames.get(i))).isLessThan(-90);
        }
    }

    @Test
    void concealmentIsBoundedThenSilence() {
        List<Sent> sent = stream(30);
        List<byte[]> frames = new ArrayList<>();
        try (OpusReceiver receiver = new OpusReceiver(PT, new JitterBuffer(), new dev.sparring.codecs.opus.OpusDecoder(),
                frames::add, 60)) {
            long now = 0;
            // 10 packets, then 15 lost, then the rest.
            for (int i = 0; i < 30; i++, now += 20) {
                if (i < 10 || i >= 25) {
                    Sent s = sent.get(i);
                    receiver.onPacket((RtpPacket) RtpPacket.parse(s.datagram(), 0, s.datagram().length), now);
                }
                receiver.tick(now + 10);
            }
            OpusReceiverStats stats = receiver.stats();
            assertThat(stats.concealed()).isEqualTo(3);
            assertThat(stats.silence()).isGreaterThanOrEqualTo(10);
        }
        // The frames after the bound are exact zeros.
        assertThat(frames.get(20)).containsOnly((byte) 0);
    }
}
