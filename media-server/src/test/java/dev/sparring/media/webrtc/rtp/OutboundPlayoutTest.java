package dev.sparring.media.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.opus.OpusDecoder;
import dev.sparring.codecs.opus.OpusEncoder;
import dev.sparring.codecs.pcm.PcmBytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundPlayoutTest {

    private final List<String> played = new ArrayList<>();
    private final RtpPacketizer packetizer = new RtpPacketizer(111, 0x1234, 500, 90_000);
    private final OutboundPlayout playout = new OutboundPlayout(new OpusEncoder(), packetizer, played::add);
    private long now;

    @AfterEach
    void close() {
        playout.close();
    }

    /** {@code millis} of a 300 Hz tone as PCM16 LE 16 kHz. */
    private static byte[] tone(int millis) {
        short[] samples = new short[millis * 16];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 300 * i / 16_000.0));
        }
        return PcmBytes.toBytes(samples);
    }

    private RtpPacket tick() {
        int length = playout.tick(now);
        now += 20;
        return length == 0 ? null : (RtpPacket) RtpPacket.parse(playout.packet(), 0, length);
    }

    @Test
    void sendsOneFrameEachTickAndReportsMarksWhenTheirAudioHasLeft() {
        playout.enqueue(tone(50));
        playout.mark("m1");
        playout.enqueue(tone(30));
        playout.mark("m2");

        RtpPacket first = tick();
        assertThat(first.marker()).isTrue();
        assertThat(first.sequence()).isEqualTo(500);
        assertThat(first.timestamp()).isEqualTo(90_000);
        assertThat(played).isEmpty();
        RtpPacket second = tick();
        assertThat(second.marker()).isFalse();
        assertThat(second.timestamp()).isEqualTo(90_960);
        assertThat(played).isEmpty();
        tick(); // 40..60 ms: carries the end of the first chunk
        assertThat(played).containsExactly("m1");
        tick();
        assertThat(played).containsExactly("m1", "m2");
        assertThat(playout.playing()).isFalse();
        // Hangover: silence frames, then nothing; the timestamp keeps running while idle.
        for (int i = 0; i < OutboundPlayout.HANGOVER_FRAMES; i++) {
            assertThat(tick()).isNotNull();
        }
        assertThat(tick()).isNull();
        assertThat(tick()).isNull();
        playout.enqueue(tone(20));
        RtpPacket resumed = tick();
        assertThat(resumed.marker()).isTrue();
        assertThat(resumed.sequence()).isEqualTo(500 + 4 + OutboundPlayout.HANGOVER_FRAMES);
        assertThat(resumed.timestamp()).isEqualTo(90_000 + 960L * (4 + OutboundPlayout.HANGOVER_FRAMES + 2));
        assertThat(playout.framesSent()).isEqualTo(5 + OutboundPlayout.HANGOVER_FRAMES);
        assertThat(playout.silenceFramesSent()).isEqualTo(OutboundPlayout.HANGOVER_FRAMES);
    }

    private static int peak(short[] pcm, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        return peak;
    }

    @Test
    void clearStopsTheAudioWithinOneFrameAndFlushesPendingMarks() {
        playout.enqueue(tone(200));
        playout.mark("end");
        // The far end decodes the stream continuously, as a browser does.
        try (OpusDecoder decoder = new OpusDecoder()) {
            short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
            for (int i = 0; i < 5; i++) {
                RtpPacket audio = tick();
                decoder.decode(audio.buffer(), audio.payloadOffset(), audio.payloadLength(), pcm);
            }
            assertThat(peak(pcm, 0, 320)).isGreaterThan(6000);
            playout.clear();
            assertThat(played).isEmpty();
            assertThat(playout.queuedMs()).isZero();

            RtpPacket cut = tick();
            assertThat(played).containsExactly("end");
            decoder.decode(cut.buffer(), cut.payloadOffset(), cut.payloadLength(), pcm);
            // Only the codec's delay and ring-out (over 20 dB down) carry tone into the first frame after the cut.
            assertThat(peak(pcm, 160, 320)).isLessThan(8000 / 10);
            RtpPacket after = tick();
            decoder.decode(after.buffer(), after.payloadOffset(), after.payloadLength(), pcm);
            assertThat(peak(pcm, 0, 320)).isLessThan(300);
        }
        for (int i = 2; i < OutboundPlayout.HANGOVER_FRAMES; i++) {
            assertThat(tick()).isNotNull();
        }
        assertThat(tick()).isNull();
        assertThat(playout.clears()).isEqualTo(1);
    }

    @Test
    void aShortTailWaitsOneTickUnlessAMarkFollowsIt() {
        playout.enqueue(tone(30));
        tick();
        // 10 ms left and no mark: it waits one tick (a silence frame keeps the stream going), then goes.
        tick();
        assertThat(playout.queuedMs()).isEqualTo(10);
        tick();
        assertThat(playout.queuedMs()).isZero();

        playout.enqueue(tone(10));
        playout.mark("tail");
        tick();
        assertThat(played).containsExactly("tail");
        assertThat(playout.queuedMs()).isZero();
    }

    @Test
    void aLateTickSkipsTheMissedSlotsOnTheRtpClockButNoAudio() {
        playout.enqueue(tone(60));
        RtpPacket first = tick();
        now += 60; // the event loop stalled for three slots
        RtpPacket second = tick();
        assertThat((second.timestamp() - first.timestamp()) & 0xFFFF_FFFFL).isEqualTo(4 * 960);
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(playout.slotsSkipped()).isEqualTo(3);
        RtpPacket third = tick();
        assertThat(third.timestamp() - second.timestamp()).isEqualTo(960);
        assertThat(playout.queuedMs()).isZero();
    }

    @Test
    void aMarkWithNothingQueuedIsReportedOnTheNextTick() {
        playout.mark("now");
        assertThat(played).isEmpty();
        assertThat(tick()).isNull();
        assertThat(played).containsExactly("now");
    }
}
