package dev.sparring.media.webrtc.rtp;

import dev.sparring.codecs.opus.OpusEncoder;
import dev.sparring.codecs.pcm.PcmBytes;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The WebRTC side of what Twilio's playback buffer does, paced by our own clock: the bot's PCM16
 * 16 kHz audio is queued, and every {@link #tick} (20 ms) takes one frame, encodes it to Opus and
 * packetizes it for RTP. Because the frame leaves at the moment it is due, the RTP send clock is
 * the playout truth: a {@link #mark} is reported once all audio queued before it has been sent.
 *
 * <p>This implements the semantics {@code PlayoutPacer} expects of {@code OutboundTransport}:
 * {@code sendAudio} ↦ {@link #enqueue}, {@code sendMark} ↦ {@link #mark}, {@code sendClear} ↦
 * {@link #clear}. Marks are reported from {@code tick}, never from inside {@code mark}/{@code
 * clear}, so the pacer is never re-entered while it is sending.
 *
 * <p><b>Idle.</b> When the queue runs dry the encoder gets {@value #HANGOVER_FRAMES} frames of
 * silence (so the far decoder fades out from a real frame instead of extrapolating the last
 * syllable with PLC), then nothing is sent: no encode, no SRTP, no datagram — the cheapest idle a
 * thousand calls can have, and legal RTP (a receiver plays a gap in the timestamps as silence).
 * The packetizer keeps the timestamp running while idle and marks the first packet after it.
 * Sending a pre-encoded silence packet every 20 ms instead would cost one SRTP protect and one
 * {@code sendmsg} per call per 20 ms for nothing audible.
 *
 * <p>Owns the queue, the mark ledger, the Opus encoder (closed by {@link #close()}) and the
 * packetizer's buffer. Touched only by the call's event loop.
 */
public final class OutboundPlayout implements AutoCloseable {

    /** Bytes of one 20 ms frame of PCM16 at 16 kHz. */
    public static final int FRAME_BYTES = 640;
    /** Silence frames encoded after the audio ends, before going quiet. */
    public static final int HANGOVER_FRAMES = 3;

    /** Receives a mark once the audio before it has been sent (or dropped by a clear). */
    @FunctionalInterface
    public interface MarkListener {
        void onMarkPlayed(String name);
    }

    private record PendingMark(String name, long offset) {
    }

    private final OpusEncoder encoder;
    private final RtpPacketizer packetizer;
    private final MarkListener listener;
    private final ArrayDeque<PendingMark> marks = new ArrayDeque<>();
    private final short[] frame = new short[FRAME_BYTES / 2];
    private final byte[] opus = new byte[OpusEncoder.MAX_PACKET_BYTES];
    private byte[] queue = new byte[FRAME_BYTES * 16];
    private int queueStart;
    private int queueEnd;
    /** Bytes ever enqueued and ever sent (or cleared): the coordinates marks are placed in. */
    private long enqueuedTotal;
    private long sentTotal;
    private boolean partialWaited;
    /** When the current 20 ms slot began on our clock; Long.MIN_VALUE before the first tick. */
    private long slotMillis = Long.MIN_VALUE;
    private long slotsSkipped;
    private int hangoverLeft;
    private long framesSent;
    private long silenceFramesSent;
    private long idleTicks;
    private long clears;

    /**
     * @param encoder owned from now on, closed with this stage
     * @param packetizer our outbound stream's packetizer
     * @param listener told when marks are played
     */
    public OutboundPlayout(OpusEncoder encoder, RtpPacketizer packetizer, MarkListener listener) {
        this.encoder = encoder;
        this.packetizer = packetizer;
        this.listener = listener;
    }

    /** Queues PCM16 LE 16 kHz audio of any length; odd trailing bytes wait for the next chunk. */
    public void enqueue(byte[] pcm16k) {
        if (pcm16k.length == 0) {
            return;
        }
        if (queueEnd + pcm16k.length > queue.length) {
            compact(pcm16k.length);
        }
        System.arraycopy(pcm16k, 0, queue, queueEnd, pcm16k.length);
        queueEnd += pcm16k.length;
        enqueuedTotal += pcm16k.length;
    }

    /** Places a mark after the audio queued so far. */
    public void mark(String name) {
        marks.addLast(new PendingMark(name, enqueuedTotal));
    }

    /**
     * Drops the queued audio at once (barge-in): the next tick sends nothing of it. Marks not yet
     * reached are reported played on the next tick, as Twilio echoes the marks a clear flushes.
     */
    public void clear() {
        if (queueEnd > queueStart) {
            // What follows the cut is silence, so the far decoder fades out rather than extrapolating.
            hangoverLeft = HANGOVER_FRAMES;
        }
        sentTotal += queueEnd - queueStart;
        queueStart = 0;
        queueEnd = 0;
        partialWaited = false;
        clears++;
    }

    /**
     * The 20 ms send slot at {@code nowMillis} (call every 20 ms): writes the RTP packet to send
     * into {@link #packet()} and returns its length, or returns 0 when nothing is to be sent.
     * Reports the marks whose audio has now left.
     */
    public int tick(long nowMillis) {
        keepRtpClock(nowMillis);
        int length = nextFrame() ? send() : 0;
        if (length == 0) {
            packetizer.idle();
            idleTicks++;
        }
        reportMarks();
        return length;
    }

    /** The packet the last non-zero {@link #tick} wrote; valid until the next tick. */
    public byte[] packet() {
        return packetizer.buffer();
    }

    /** Audio queued and not yet sent, in milliseconds. */
    public int queuedMs() {
        return (queueEnd - queueStart) / 32;
    }

    /** True while audio is queued or being sent (the hangover not included). */
    public boolean playing() {
        return queueEnd > queueStart;
    }

    public RtpPacketizer packetizer() {
        return packetizer;
    }

    public long framesSent() {
        return framesSent;
    }

    public long silenceFramesSent() {
        return silenceFramesSent;
    }

    public long idleTicks() {
        return idleTicks;
    }

    public long clears() {
        return clears;
    }

    /** Closes the encoder; idempotent. */
    @Override
    public void close() {
        encoder.close();
    }

    /** Send slots the RTP clock skipped because ticks came late (a stalled event loop). */
    public long slotsSkipped() {
        return slotsSkipped;
    }

    /**
     * A tick that comes a whole slot late (the event loop stalled) skips the missed slots on the
     * RTP clock, so our timestamps keep following real time and the receiver plays the gap as a
     * gap instead of drifting behind; the queued audio itself is not dropped, only delayed.
     */
    private void keepRtpClock(long nowMillis) {
        if (slotMillis == Long.MIN_VALUE || nowMillis < slotMillis) {
            slotMillis = nowMillis;
            return;
        }
        long behind = (nowMillis - slotMillis) / 20 - 1;
        for (long i = 0; i < Math.min(behind, 50); i++) {
            packetizer.idle();
            slotsSkipped++;
        }
        slotMillis += 20 * Math.max(1, behind + 1);
    }

    /** Fills {@link #frame} with the next frame to send; false to stay quiet. */
    private boolean nextFrame() {
        int queued = queueEnd - queueStart;
        if (queued >= FRAME_BYTES || queued > 0 && (partialWaited || markWithin(queued))) {
            int take = Math.min(queued, FRAME_BYTES) & ~1;
            PcmBytes.toShorts(queue, queueStart, frame, 0, take / 2);
            Arrays.fill(frame, take / 2, frame.length, (short) 0);
            // An odd trailing byte cannot be sent as a sample; it is dropped with the padded frame.
            int consumed = Math.min(queued, FRAME_BYTES);
            queueStart += consumed;
            sentTotal += consumed;
            partialWaited = false;
            hangoverLeft = HANGOVER_FRAMES;
            if (queueStart == queueEnd) {
                queueStart = 0;
                queueEnd = 0;
            }
            return true;
        }
        if (queued > 0) {
            // A short tail may still be completed by the next chunk; give it one tick.
            partialWaited = true;
        }
        if (hangoverLeft > 0) {
            hangoverLeft--;
            Arrays.fill(frame, (short) 0);
            silenceFramesSent++;
            return true;
        }
        return false;
    }

    private boolean markWithin(int queued) {
        PendingMark first = marks.peekFirst();
        return first != null && first.offset() <= sentTotal + queued;
    }

    private int send() {
        int length = encoder.encode(frame, opus);
        framesSent++;
        return packetizer.packetize(opus, 0, length);
    }

    private void reportMarks() {
        while (!marks.isEmpty() && marks.peekFirst().offset() <= sentTotal) {
            listener.onMarkPlayed(marks.pollFirst().name());
        }
    }

    private void compact(int incoming) {
        int queued = queueEnd - queueStart;
        if (queued + incoming > queue.length) {
            queue = Arrays.copyOfRange(queue, queueStart, queueStart + Math.max(queue.length * 2, queued + incoming));
        } else {
            System.arraycopy(queue, queueStart, queue, 0, queued);
        }
        queueStart = 0;
        queueEnd = queued;
    }
}
