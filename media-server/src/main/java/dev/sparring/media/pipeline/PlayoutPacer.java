package dev.sparring.media.pipeline;

import dev.sparring.media.pipeline.audio.OutboundAudio;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one bot turn's audio at real time with a small lead and keeps the playout truth.
 *
 * <p>Owns the current turn's audio, already in the transport's encoding (kept whole so a paused
 * turn can resume from the heard position), the call's one outbound encoder (see
 * {@link OutboundAudio}: audio in the transport's encoding passes through untouched, PCM16 16 kHz
 * is resampled and encoded once, as it is enqueued) and the mark ledger. Touched only by the
 * call's executor; its ticks are scheduled on that executor. Offsets below count bytes of the
 * transport's encoding.
 *
 * <p><b>Heard rule.</b> A mark stands for the turn's audio offset at which it was sent. The heard
 * duration of a turn is the offset of the last mark echoed <em>before</em> a {@code clear} was
 * sent; marks still outstanding when {@code clear} is sent are recorded as flushed, and their
 * later echoes (Twilio reports flushed marks too) never count as heard. So the heard position is
 * known at the moment of the clear, never overstated, and understated by at most the mark spacing
 * plus the network's one-way delay.
 */
public final class PlayoutPacer {
    /** How long after the estimated end of playout we wait for the final mark before assuming it played. */
    static final int MARK_ECHO_GRACE_MS = 2_000;

    /** Progress of the turn, reported on the executor. */
    public interface Listener {
        void onFirstAudio(long epoch, long atMs);

        void onPlayedOut(long epoch, long atMs);

        /**
         * A chunk went out after the caller's buffer had already run dry: the pacer fell behind
         * real time (a late tick), so the caller heard a gap. Audio the provider was late to yield
         * does not count: real time restarts when it arrives.
         */
        default void onLateChunk(long epoch, long behindMs) {
        }
    }

    private final PlayoutConfig config;
    private final OutboundTransport transport;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Listener listener;
    private final OutboundAudio encoder;
    /** Bytes of one millisecond in the transport's encoding (μ-law 8 kHz: 8, PCM16 16 kHz: 32). */
    private final int bytesPerMs;

    private long epoch = -1;
    private boolean active;
    private byte[] audio = new byte[16_000];
    private int available;
    private int sent;
    private boolean ended;
    /** Where the resampler's tail begins once the turn ended: the last chunk takes it along. */
    private int tailFrom = Integer.MAX_VALUE;
    private boolean paused;
    private boolean firstSent;
    private long streamStartMs;
    private int streamStartByte;
    private int nextMarkByte;
    private int heardByte;
    private boolean finalMarkSent;
    private int lastMarkByte;
    private long markCounter;
    private final Map<String, Integer> outstanding = new HashMap<>();
    private final Set<String> flushed = new HashSet<>();
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> graceTimer;
    private long chunksSent;
    private long marksSent;

    public PlayoutPacer(PlayoutConfig config, OutboundTransport transport, Clock clock,
                        ScheduledExecutorService executor, Listener listener) {
        this.config = config;
        this.transport = transport;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
        this.encoder = new OutboundAudio(transport.encoding());
        this.bytesPerMs = transport.encoding().bytesFor(1);
    }

    /** Starts a new turn; any previous turn must have been cleared or played out. */
    public void begin(long turnEpoch) {
        cancelTimers();
        epoch = turnEpoch;
        active = true;
        available = 0;
        sent = 0;
        ended = false;
        tailFrom = Integer.MAX_VALUE;
        paused = false;
        firstSent = false;
        heardByte = 0;
        finalMarkSent = false;
        lastMarkByte = 0;
        nextMarkByte = config.markEveryMs() * bytesPerMs;
        encoder.discard();
    }

    /** Appends PCM16 16 kHz audio of the current turn. */
    public void enqueue(long turnEpoch, short[] pcm) {
        if (accepts(turnEpoch)) {
            append(encoder.fromPcm16k(pcm, 0, pcm.length));
        }
    }

    /**
     * Appends audio of the current turn in {@code encoding}: the transport's own encoding is sent
     * as it is, PCM16 16 kHz (or μ-law on a PCM transport) is converted once.
     */
    public void enqueue(long turnEpoch, byte[] chunk, AudioEncoding encoding) {
        if (accepts(turnEpoch)) {
            append(encoder.convert(chunk, encoding));
        }
    }

    /** No more audio will come for the current turn; the resampler's tail, if any, closes it. */
    public void end(long turnEpoch) {
        if (!active || turnEpoch != epoch) {
            return;
        }
        byte[] tail = encoder.finish();
        if (!ended) {
            tailFrom = available;
            append(tail);
        }
        ended = true;
        kick();
    }

    private boolean accepts(long turnEpoch) {
        return active && turnEpoch == epoch && !ended;
    }

    private void append(byte[] chunk) {
        if (chunk.length == 0) {
            return;
        }
        if (available + chunk.length > audio.length) {
            audio = Arrays.copyOf(audio, Math.max(audio.length * 2, available + chunk.length));
        }
        System.arraycopy(chunk, 0, audio, available, chunk.length);
        available += chunk.length;
        kick();
    }

    /** True from the first chunk of a turn until it played out or was cleared, unless paused. */
    public boolean speaking() {
        return active && firstSent && !paused;
    }

    public boolean active() {
        return active;
    }

    public boolean paused() {
        return paused;
    }

    /** Heard duration of the current turn so far by the heard rule. */
    public double heardMs() {
        return heardByte / (double) bytesPerMs;
    }

    /** Audio of the current turn handed to the pacer so far. */
    public double queuedMs() {
        return available / (double) bytesPerMs;
    }

    /** Stops sending and drops far-end audio; {@link #resume()} replays from the heard position. */
    public void pause() {
        if (!active || paused) {
            return;
        }
        paused = true;
        sendClear();
        sent = heardByte;
    }

    /** Undoes a {@link #pause()}: playout continues from where the caller stopped hearing. */
    public void resume() {
        if (!active || !paused) {
            return;
        }
        paused = false;
        finalMarkSent = false;
        lastMarkByte = sent;
        nextMarkByte = sent + config.markEveryMs() * bytesPerMs;
        kick();
    }

    /** Drops queued audio, sends {@code clear} and ends the turn; returns its heard duration in ms. */
    public double clear() {
        if (!active) {
            return 0;
        }
        double heard = heardMs();
        if (!paused) {
            sendClear();
        } else {
            transport.sendClear();
        }
        active = false;
        cancelTimers();
        return heard;
    }

    /** An echoed mark (including the ones a clear flushed). */
    public void onMark(String name) {
        Integer offset = outstanding.remove(name);
        if (offset == null) {
            flushed.remove(name);
            return;
        }
        heardByte = Math.max(heardByte, offset);
        if (active && ended && finalMarkSent && outstanding.isEmpty() && heardByte >= available) {
            finish();
        }
    }

    public long chunksSent() {
        return chunksSent;
    }

    public long marksSent() {
        return marksSent;
    }

    private void sendClear() {
        transport.sendClear();
        flushed.addAll(outstanding.keySet());
        outstanding.clear();
        cancelTimers();
    }

    private void kick() {
        if (tick != null || paused || !active) {
            return;
        }
        long now = clock.millis();
        if (streamStartByte + (now - streamStartMs) * bytesPerMs >= sent) {
            // The far end has drained (or nothing was sent yet): real time restarts from here.
            streamStartMs = now;
            streamStartByte = sent;
        }
        pump();
    }

    private void pump() {
        tick = null;
        if (!active || paused) {
            return;
        }
        long now = clock.millis();
        int chunk = config.chunkMs() * bytesPerMs;
        long playedBytes = streamStartByte + (now - streamStartMs) * bytesPerMs;
        long allowed = playedBytes + (long) config.leadMs() * bytesPerMs;
        while (sent < available && sent < allowed) {
            int length = Math.min(chunk, available - sent);
            if (length < chunk && !ended) {
                break;
            }
            if (sent + length >= tailFrom) {
                // The turn's last chunk carries the resampler's few delayed samples rather than a message of its own.
                length = available - sent;
            }
            if (firstSent && playedBytes > sent) {
                listener.onLateChunk(epoch, (playedBytes - sent) / bytesPerMs);
            }
            transport.sendAudio(Arrays.copyOfRange(audio, sent, sent + length));
            chunksSent++;
            if (!firstSent) {
                firstSent = true;
                listener.onFirstAudio(epoch, now);
            }
            sent += length;
            if (sent >= nextMarkByte) {
                mark(sent);
                nextMarkByte += config.markEveryMs() * bytesPerMs;
            }
        }
        if (ended && sent == available) {
            if (available == 0) {
                finish();
            } else if (!finalMarkSent) {
                if (lastMarkByte != sent) {
                    mark(sent);
                }
                finalMarkSent = true;
                long remainingMs = Math.max(0, (sent - playedBytes) / bytesPerMs);
                graceTimer = executor.schedule(this::graceExpired, remainingMs + MARK_ECHO_GRACE_MS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (sent < available) {
            tick = executor.schedule(this::pump, config.chunkMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void mark(int offset) {
        lastMarkByte = offset;
        String name = "m" + (++markCounter);
        outstanding.put(name, offset);
        transport.sendMark(name);
        marksSent++;
    }

    private void graceExpired() {
        graceTimer = null;
        if (active && ended && sent == available && !paused) {
            heardByte = available;
            flushed.addAll(outstanding.keySet());
            outstanding.clear();
            finish();
        }
    }

    private void finish() {
        active = false;
        cancelTimers();
        listener.onPlayedOut(epoch, clock.millis());
    }

    private void cancelTimers() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
    }
}
