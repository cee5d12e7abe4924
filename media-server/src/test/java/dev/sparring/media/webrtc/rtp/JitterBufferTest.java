package dev.sparring.media.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.media.webrtc.rtp.JitterBuffer.Empty;
import dev.sparring.media.webrtc.rtp.JitterBuffer.Frame;
import dev.sparring.media.webrtc.rtp.JitterBuffer.Lost;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final long SSRC = 0x5EED;

    /** Offers packet {@code index} of a stream starting at {@code firstSeq}: payload byte = index. */
    private static void offer(JitterBuffer buffer, int firstSeq, long firstTs, int index, long arrival) {
        buffer.offer(SSRC, (firstSeq + index) & 0xFFFF, (firstTs + 960L * index) & 0xFFFF_FFFFL, index == 0,
                new byte[] {(byte) index, 42}, 0, 2, arrival);
    }

    /** Polls once; a frame is rendered as its index, a loss as -1, empty as -2. */
    private static int poll(JitterBuffer buffer, long now) {
        return switch (buffer.poll(now)) {
            case Frame f -> f.payload()[0] & 0xFF;
            case Lost l -> -1;
            case Empty e -> -2;
        };
    }

    @Test
    void playsInOrderAfterTheMinimumDelay() {
        JitterBuffer buffer = new JitterBuffer();
        assertThat(poll(buffer, 0)).isEqualTo(-2);
        offer(buffer, 100, 5000, 0, 1000);
        assertThat(poll(buffer, 1005)).isEqualTo(-2);
        offer(buffer, 100, 5000, 1, 1020);
        assertThat(poll(buffer, 1020)).isZero();
        assertThat(poll(buffer, 1040)).isEqualTo(1);
        JitterStats stats = buffer.stats();
        assertThat(stats.received()).isEqualTo(2);
        assertThat(stats.lost()).isZero();
        assertThat(stats.ssrc()).isEqualTo(SSRC);
    }

    @Test
    void reordersDropsDuplicatesAndCountsLatePackets() {
        JitterBuffer buffer = new JitterBuffer(new JitterBufferConfig(60, 120, 200));
        offer(buffer, 7, 0, 0, 0);
        offer(buffer, 7, 0, 2, 20);
        offer(buffer, 7, 0, 1, 25);
        offer(buffer, 7, 0, 1, 26);
        List<Integer> played = new ArrayList<>();
        for (int t = 60; t <= 100; t += 20) {
            played.add(poll(buffer, t));
        }
        offer(buffer, 7, 0, 1, 101);
        assertThat(played).containsExactly(0, 1, 2);
        JitterStats stats = buffer.stats();
        assertThat(stats.reordered()).isEqualTo(1);
        assertThat(stats.duplicate()).isEqualTo(1);
        assertThat(stats.late()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(5);
    }

    @Test
    void aPacketOvertakenBeforePlayoutStartsStillPlaysFirst() {
        JitterBuffer buffer = new JitterBuffer();
        offer(buffer, 10, 0, 1, 0);
        offer(buffer, 10, 0, 0, 5);
        assertThat(poll(buffer, 20)).isZero();
        assertThat(poll(buffer, 40)).isEqualTo(1);
        JitterStats stats = buffer.stats();
        assertThat(stats.late()).isZero();
        assertThat(stats.reordered()).isEqualTo(1);
        assertThat(stats.expectedPackets()).isEqualTo(2);
    }

    @Test
    void aMissingPacketIsLostOnceTheNextIsHereAndItsSuccessorIsOfferedForFec() {
        JitterBuffer buffer = new JitterBuffer();
        offer(buffer, 0, 0, 0, 0);
        offer(buffer, 0, 0, 2, 40);
        offer(buffer, 0, 0, 3, 60);
        assertThat(poll(buffer, 40)).isZero();
        JitterBuffer.Result lost = buffer.poll(60);
        assertThat(lost).isInstanceOfSatisfying(Lost.class, l -> {
            assertThat(l.hasNext()).isTrue();
            assertThat(l.nextPayload()[0]).isEqualTo((byte) 2);
        });
        assertThat(poll(buffer, 80)).isEqualTo(2);
        assertThat(poll(buffer, 100)).isEqualTo(3);
        JitterStats stats = buffer.stats();
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.expectedPackets()).isEqualTo(4);
        assertThat(stats.cumulativeLost()).isEqualTo(1);
    }

    @Test
    void followsSequenceNumbersAcrossTheWrap() {
        JitterBuffer buffer = new JitterBuffer();
        List<Integer> played = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            offer(buffer, 65_530, 0xFFFF_F000L, i, 20L * i);
            played.add(poll(buffer, 20L * i + 20));
        }
        assertThat(played).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        JitterStats stats = buffer.stats();
        assertThat(stats.lost()).isZero();
        assertThat(stats.resyncs()).isZero();
        assertThat(stats.extendedHighestSequence()).isEqualTo(65_539);
        assertThat(stats.expectedPackets()).isEqualTo(10);
    }

    @Test
    void anUnderrunConcealsThenPlaysTheLatePacketAndTheStreamGoesIdle() {
        JitterBuffer buffer = new JitterBuffer();
        offer(buffer, 0, 0, 0, 0);
        assertThat(poll(buffer, 20)).isZero();
        assertThat(poll(buffer, 40)).isEqualTo(-1);
        offer(buffer, 0, 0, 1, 45);
        assertThat(poll(buffer, 60)).isEqualTo(1);
        for (long t = 80; t < 245; t += 20) {
            assertThat(poll(buffer, t)).isEqualTo(-1);
        }
        assertThat(poll(buffer, 260)).isEqualTo(-2);
        JitterStats stats = buffer.stats();
        assertThat(stats.lost()).isZero();
        assertThat(stats.late()).isZero();
    }

    @Test
    void resynchronisesOnATimestampJumpAfterSilenceAndOnANewSsrc() {
        JitterBuffer buffer = new JitterBuffer();
        offer(buffer, 0, 0, 0, 0);
        offer(buffer, 0, 0, 1, 20);
        assertThat(poll(buffer, 20)).isZero();
        assertThat(poll(buffer, 40)).isEqualTo(1);
        // The sender paused 2 s: next seq, but the timestamp jumped 100 frames.
        buffer.offer(SSRC, 2, 960L * 102, true, new byte[] {77}, 0, 1, 60);
        assertThat(poll(buffer, 60)).isEqualTo(-2);
        assertThat(poll(buffer, 80)).isEqualTo(77);
        assertThat(buffer.stats().resyncs()).isEqualTo(1);

        buffer.offer(0xBEEF, 40_000, 123, true, new byte[] {88}, 0, 1, 100);
        assertThat(poll(buffer, 100)).isEqualTo(-2);
        assertThat(poll(buffer, 120)).isEqualTo(88);
        JitterStats stats = buffer.stats();
        assertThat(stats.ssrc()).isEqualTo(0xBEEF);
        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.resyncs()).isEqualTo(2);
    }

    /**
     * Sends {@code count} packets from {@code first}, packet i leaving at 20·i ms and arriving after
     * {@code maxJitterMs} of uniform random network delay, and polls every 20 ms in arrival order,
     * as the call's event loop would see it.
     */
    private static long simulate(JitterBuffer buffer, Random random, int first, int count, int maxJitterMs, long pollPhase) {
        long[] arrival = new long[count];
        for (int i = 0; i < count; i++) {
            arrival[i] = 20L * (first + i) + (maxJitterMs == 0 ? 0 : random.nextInt(maxJitterMs));
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> arrival[i]));
        int next = 0;
        long frames = 0;
        for (long now = 20L * first + pollPhase; now < 20L * (first + count) + pollPhase; now += 20) {
            while (next < count && arrival[order[next]] <= now) {
                offer(buffer, 1000, 0, first + order[next], arrival[order[next]]);
                next++;
            }
            if (buffer.poll(now) instanceof Frame) {
                frames++;
            }
        }
        return frames;
    }

    @Test
    void theTargetDelayFollowsJitterUpAndDown() {
        JitterBuffer buffer = new JitterBuffer();
        Random random = new Random(3);
        simulate(buffer, random, 0, 100, 0, 10);
        JitterStats steady = buffer.stats();
        assertThat(steady.targetDelayMs()).isEqualTo(20);
        assertThat(steady.concealed()).isZero();

        simulate(buffer, random, 100, 500, 60, 10);
        JitterStats jittery = buffer.stats();
        assertThat(jittery.jitterMs()).isBetween(10.0, 40.0);
        assertThat(jittery.targetDelayMs()).isBetween(60, 120);
        assertThat(jittery.currentDelayMs()).isGreaterThanOrEqualTo(40);
        // Once the delay has grown, packets stop missing their slot: few losses over 10 s.
        assertThat(jittery.lost() + jittery.late()).isLessThan(25);

        simulate(buffer, random, 600, 500, 0, 10);
        JitterStats calm = buffer.stats();
        assertThat(calm.targetDelayMs()).isEqualTo(20);
        assertThat(calm.currentDelayMs()).isLessThanOrEqualTo(40);
        assertThat(calm.discarded()).isPositive();
        assertThat(calm.resyncs()).isZero();
    }

    @Test
    void ignoresOversizedPayloads() {
        JitterBuffer buffer = new JitterBuffer();
        buffer.offer(SSRC, 1, 0, true, new byte[2000], 0, 2000, 0);
        assertThat(buffer.stats().received()).isZero();
        assertThat(poll(buffer, 40)).isEqualTo(-2);
    }
}
