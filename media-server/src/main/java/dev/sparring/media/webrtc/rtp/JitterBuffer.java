package dev.sparring.media.webrtc.rtp;

import java.util.Arrays;

/**
 * An adaptive jitter buffer for one inbound audio stream of 20 ms frames on the 48 kHz RTP clock.
 *
 * <p>{@link #offer} stores a copy of each packet's payload in a ring of
 * {@value #SLOTS} slots indexed by sequence number, so reordering within the ring's span is free.
 * {@link #poll} is called once per 20 ms of playout and answers {@link Frame} (the next packet),
 * {@link Lost} (conceal one frame) or {@link Empty} (nothing is expected: not started or idle).
 *
 * <p><b>Delay.</b> Playout starts when the first packet has waited the target delay. The target is
 * three times the RFC 3550 interarrival jitter estimate, rounded up to whole frames, plus one
 * frame for each recent late packet, within [min, max]. The delay grows on an underrun: with
 * nothing buffered, a poll conceals without advancing, so the late packet still plays when it
 * comes. It shrinks when, for a whole adaptation window, more than a frame above the target stayed
 * buffered: one frame is then discarded.
 *
 * <p><b>Resynchronisation.</b> A new SSRC, a sequence number outside the ring, a packet after idle,
 * or a marked/time-jumped packet during an underrun (a new talkspurt) restarts buffering at that
 * packet instead of conceal-waiting for packets that will never come.
 *
 * <p>Owns the slot payload copies, which a returned {@link Frame} or {@link Lost} exposes until the
 * next {@code offer} or {@code poll}. Touched only by the call's event loop. Never throws on
 * malformed input: oversized payloads are dropped and counted.
 */
public final class JitterBuffer {

    /** Slots in the ring: 640 ms of 20 ms frames, well beyond the maximum delay. */
    static final int SLOTS = 32;
    /** A payload larger than the largest Opus packet is not ours to decode. */
    static final int MAX_PAYLOAD = 1275;
    private static final int MASK = SLOTS - 1;
    private static final int FRAME_MS = JitterBufferConfig.FRAME_MS;
    private static final int TICKS_PER_MS = 48;
    private static final int TICKS_PER_FRAME = FRAME_MS * TICKS_PER_MS;
    /** Polls per adaptation window (500 ms). */
    private static final int WINDOW_POLLS = 25;
    /** Polls a late-packet boost lasts before it decays by one frame (2 s). */
    private static final int LATE_BOOST_DECAY_POLLS = 100;
    /** A sequence number this far behind playout is a restarted sender, not a late packet. */
    private static final int RESTART_BEHIND = 100;

    /** What a poll yields. */
    public sealed interface Result permits Frame, Lost, Empty {
    }

    /** The next frame's payload: {@code payload[0..length)}, valid until the next offer or poll. */
    public record Frame(byte[] payload, int length, int sequence, long timestamp) implements Result {
    }

    /**
     * One frame is missing: conceal it. If the packet after it is already here,
     * {@code nextPayload[0..nextLength)} holds it (for Opus in-band FEC), else {@code nextLength} is 0.
     */
    public record Lost(byte[] nextPayload, int nextLength) implements Result {
        static final Lost WITHOUT_NEXT = new Lost(new byte[0], 0);

        public boolean hasNext() {
            return nextLength > 0;
        }
    }

    /** Nothing to play: the stream has not started or is idle. */
    public record Empty() implements Result {
    }

    /** The one {@link Empty} instance. */
    public static final Empty EMPTY = new Empty();

    private enum State { NEW, BUFFERING, PLAYING, IDLE }

    private final JitterBufferConfig config;
    private final byte[][] payloads = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private final long[] slotSequence = new long[SLOTS];
    private final long[] slotTimestamp = new long[SLOTS];

    private State state = State.NEW;
    private long ssrc = -1;
    private long highest;
    private long base;
    private long expectedBeforeRestart;
    private long expected;
    private long bufferingSince;
    private long lastArrival;
    private boolean haveTransit;
    private int lastTransit;
    private double jitterTicks;
    private int targetDelayMs;
    private int lateBoostFrames;
    private int pollsSinceLate;
    private int windowPolls;
    private int windowMinFrames = Integer.MAX_VALUE;
    private int currentDelayMs;
    private long lastPlayedSequence = -1;
    private long lastPlayedTimestamp;

    private long received;
    private long lost;
    private long late;
    private long duplicate;
    private long reordered;
    private long concealed;
    private long discarded;
    private long resyncs;

    public JitterBuffer(JitterBufferConfig config) {
        this.config = config;
        this.targetDelayMs = config.minDelayMs();
        for (int i = 0; i < SLOTS; i++) {
            payloads[i] = new byte[256];
        }
        Arrays.fill(slotSequence, -1);
    }

    public JitterBuffer() {
        this(JitterBufferConfig.defaults());
    }

    /** Stores a parsed packet's payload. */
    public void offer(RtpPacket packet, long arrivalMillis) {
        offer(packet.ssrc(), packet.sequence(), packet.timestamp(), packet.marker(), packet.buffer(),
                packet.payloadOffset(), packet.payloadLength(), arrivalMillis);
    }

    /** Stores a copy of {@code payload[off..off+len)} for sequence number {@code sequence}. */
    public void offer(long packetSsrc, int sequence, long timestamp, boolean marker, byte[] payload, int off, int len,
            long arrivalMillis) {
        if (len < 0 || len > MAX_PAYLOAD) {
            return;
        }
        long ext;
        if (state == State.NEW || packetSsrc != ssrc) {
            newStream(packetSsrc, sequence);
            ext = sequence;
            restart(ext, arrivalMillis);
        } else {
            ext = extend(sequence);
            if (state == State.IDLE || ext >= expected + SLOTS || ext < expected - RESTART_BEHIND) {
                restart(ext, arrivalMillis);
            } else if (state == State.BUFFERING && ext < expected && highest - ext < SLOTS) {
                // Playout has not started: an earlier packet overtaken by a later one still plays first.
                expected = ext;
                base = Math.min(base, ext);
            } else if (state == State.PLAYING && highest < expected && ext >= expected
                    && (marker || jumpedForward(ext, timestamp))) {
                restart(ext, arrivalMillis);
            }
        }
        received++;
        updateJitter(timestamp, arrivalMillis);
        lastArrival = arrivalMillis;
        if (ext < expected) {
            late++;
            lateBoostFrames = Math.min(lateBoostFrames + 1, config.maxDelayMs() / FRAME_MS);
            pollsSinceLate = 0;
            updateTarget();
            return;
        }
        int slot = (int) (ext & MASK);
        if (slotSequence[slot] == ext) {
            duplicate++;
            return;
        }
        if (ext < highest) {
            reordered++;
        } else {
            highest = ext;
        }
        if (payloads[slot].length < len) {
            payloads[slot] = new byte[Math.max(len, payloads[slot].length * 2)];
        }
        System.arraycopy(payload, off, payloads[slot], 0, len);
        lengths[slot] = len;
        slotSequence[slot] = ext;
        slotTimestamp[slot] = timestamp;
        updateTarget();
    }

    /** The next 20 ms of playout; call once per frame period. */
    public Result poll(long nowMillis) {
        switch (state) {
            case NEW, IDLE -> {
                currentDelayMs = 0;
                return EMPTY;
            }
            case BUFFERING -> {
                if (nowMillis - bufferingSince < targetDelayMs) {
                    currentDelayMs = bufferedFrames() * FRAME_MS;
                    return EMPTY;
                }
                state = State.PLAYING;
            }
            case PLAYING -> {
            }
        }
        decayLateBoost();
        int frames = bufferedFrames();
        currentDelayMs = frames * FRAME_MS;
        shrinkIfAboveTarget(frames);
        int slot = (int) (expected & MASK);
        if (slotSequence[slot] == expected) {
            slotSequence[slot] = -1;
            lastPlayedSequence = expected;
            lastPlayedTimestamp = slotTimestamp[slot];
            expected++;
            return new Frame(payloads[slot], lengths[slot], (int) ((expected - 1) & 0xFFFF), slotTimestamp[slot]);
        }
        if (highest > expected) {
            lost++;
            concealed++;
            expected++;
            int next = (int) (expected & MASK);
            return slotSequence[next] == expected && lengths[next] > 0
                    ? new Lost(payloads[next], lengths[next]) : Lost.WITHOUT_NEXT;
        }
        if (nowMillis - lastArrival >= config.idleAfterMs()) {
            state = State.IDLE;
            return EMPTY;
        }
        // Underrun: conceal but keep waiting for this packet, which grows the delay by a frame.
        concealed++;
        return Lost.WITHOUT_NEXT;
    }

    /** The counters for the current remote stream. */
    public JitterStats stats() {
        long expectedPackets = state == State.NEW ? 0 : expectedBeforeRestart + highest - base + 1;
        return new JitterStats(ssrc, received, lost, late, duplicate, reordered, concealed, discarded, resyncs,
                currentDelayMs, targetDelayMs, jitterTicks / TICKS_PER_MS, (long) jitterTicks,
                state == State.NEW ? 0 : highest, expectedPackets);
    }

    private int bufferedFrames() {
        return highest >= expected ? (int) (highest - expected + 1) : 0;
    }

    private void shrinkIfAboveTarget(int frames) {
        windowMinFrames = Math.min(windowMinFrames, frames);
        if (++windowPolls < WINDOW_POLLS) {
            return;
        }
        int slot = (int) (expected & MASK);
        if (windowMinFrames * FRAME_MS > targetDelayMs + FRAME_MS && slotSequence[slot] == expected) {
            slotSequence[slot] = -1;
            expected++;
            discarded++;
        }
        windowPolls = 0;
        windowMinFrames = Integer.MAX_VALUE;
    }

    private void decayLateBoost() {
        if (lateBoostFrames > 0 && ++pollsSinceLate >= LATE_BOOST_DECAY_POLLS) {
            lateBoostFrames--;
            pollsSinceLate = 0;
            updateTarget();
        }
    }

    private void newStream(long packetSsrc, int sequence) {
        if (state != State.NEW) {
            received = lost = late = duplicate = reordered = concealed = discarded = 0;
        }
        ssrc = packetSsrc;
        highest = sequence;
        base = sequence;
        expectedBeforeRestart = 0;
        haveTransit = false;
        jitterTicks = 0;
        lateBoostFrames = 0;
    }

    private void restart(long ext, long arrivalMillis) {
        if (ext < base) {
            // The sender restarted its sequence numbers: keep the count of what it sent before.
            expectedBeforeRestart += highest - base + 1;
            base = ext;
        }
        if (state != State.NEW) {
            resyncs++;
        }
        Arrays.fill(slotSequence, -1);
        lastPlayedSequence = -1;
        // Transit across a resync measures the sender's pause, not the network.
        haveTransit = false;
        state = State.BUFFERING;
        expected = ext;
        highest = ext;
        bufferingSince = arrivalMillis;
        windowPolls = 0;
        windowMinFrames = Integer.MAX_VALUE;
    }

    /** Extends a 16-bit sequence number to the one nearest the highest seen (RFC 3550 A.1). */
    private long extend(int sequence) {
        int delta = (short) (sequence - (int) (highest & 0xFFFF));
        return highest + delta;
    }

    /** The packet's timestamp is more than a frame past what its sequence number predicts. */
    private boolean jumpedForward(long ext, long timestamp) {
        if (lastPlayedSequence < 0) {
            return false;
        }
        long predicted = lastPlayedTimestamp + (ext - lastPlayedSequence) * TICKS_PER_FRAME;
        return (int) (timestamp - predicted) > TICKS_PER_FRAME;
    }

    private void updateJitter(long timestamp, long arrivalMillis) {
        int transit = (int) (arrivalMillis * TICKS_PER_MS - timestamp);
        if (haveTransit) {
            int d = Math.abs(transit - lastTransit);
            jitterTicks += (d - jitterTicks) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private void updateTarget() {
        int jitterFrames = (int) Math.ceil(3 * jitterTicks / TICKS_PER_FRAME);
        int target = (jitterFrames + lateBoostFrames) * FRAME_MS;
        targetDelayMs = Math.clamp(target, config.minDelayMs(), config.maxDelayMs());
    }
}
