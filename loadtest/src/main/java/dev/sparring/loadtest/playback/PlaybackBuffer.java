package dev.sparring.loadtest.playback;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Twilio's playback buffer for one call, as a sans-I/O state machine: outbound {@code media} is
 * queued and played at real time (8 μ-law bytes per millisecond) on a playout clock read from an
 * injected nanosecond clock; a {@code mark} is echoed once every byte queued before it has played;
 * {@code clear} drops the queue and echoes every pending mark at once. While playing it tracks
 * whether the bot is audibly speaking (RMS per 20 ms slice with a hangover, see
 * {@link PlaybackConfig}) and records speech stretches, underruns, clears and mark echoes.
 *
 * <p>Every input ({@link #media}, {@link #mark}, {@link #clear}, {@link #advance}) first plays the
 * queue up to the clock's current time, so the caller may advance as often as it likes; marks
 * become due at {@link #nextMarkDueNanos()}.
 *
 * <p><b>Threading and ownership.</b> Not thread-safe: owned by one call and touched only by that
 * call's event loop (or a test thread with a manual clock). It takes ownership of the arrays passed
 * to {@link #media}. The listener is called synchronously from the input methods.
 */
public final class PlaybackBuffer {

    /** Receives what the caller's side must act on; called on the buffer's thread. */
    public interface Listener {

        /**
         * A mark must be echoed now.
         *
         * @param cleared true when a clear flushed it
         */
        void markDue(String name, boolean cleared);

        /** The bot became audible; {@code atNanos} is when the first voiced slice started playing. */
        default void botSpeechStarted(long atNanos) {
        }

        /** The bot stopped being audible; {@code atNanos} is the end of the last voiced slice. */
        default void botSpeechStopped(long atNanos, boolean cutByClear) {
        }
    }

    /** Nanoseconds one μ-law byte lasts at 8 kHz. */
    public static final long NANOS_PER_BYTE = 125_000;

    /** 20 ms at 8 kHz: the granularity of speech detection. */
    static final int SLICE_BYTES = 160;

    private sealed interface Item permits Chunk, PendingMark {}

    private record Chunk(byte[] data, boolean[] voiced) implements Item {}

    private record PendingMark(String name, long receivedNanos) implements Item {}

    private final LongSupplier clock;
    private final Listener listener;
    private final VoiceDetector detector;
    private final long hangoverNanos;
    private final long maxUnderrunNanos;

    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    /** Bytes of the head chunk already played. */
    private int headOffset;
    /** Playout time reached; meaningful while the queue is not empty. */
    private long cursorNanos;

    private boolean speaking;
    private long speechStartNanos;
    private long lastVoicedEndNanos = Long.MIN_VALUE;
    /** Set when the queue ran dry right after a voiced slice: a possible underrun. */
    private long drainedWhileVoicedAt = Long.MIN_VALUE;

    private final List<BotSpeech> speech = new ArrayList<>();
    private final List<PlaybackGap> gaps = new ArrayList<>();
    private final List<ClearRecord> clears = new ArrayList<>();
    private final List<MarkEcho> marks = new ArrayList<>();
    private long bytesReceived;
    private long bytesPlayed;
    private long bytesDropped;

    /**
     * @param clock monotonic nanoseconds (e.g. {@code System::nanoTime}, or a manual clock in tests)
     * @param config detection thresholds
     * @param listener receives mark echoes and speech transitions
     */
    public PlaybackBuffer(LongSupplier clock, PlaybackConfig config, Listener listener) {
        this.clock = clock;
        this.listener = listener;
        this.detector = new VoiceDetector(config.speechRmsThreshold());
        this.hangoverNanos = config.hangover().toNanos();
        this.maxUnderrunNanos = config.maxUnderrun().toNanos();
    }

    /** Queues received μ-law audio; the buffer owns {@code mulaw} from now on. */
    public void media(byte[] mulaw) {
        long now = advance();
        if (mulaw.length == 0) {
            return;
        }
        bytesReceived += mulaw.length;
        if (queue.isEmpty()) {
            if (drainedWhileVoicedAt != Long.MIN_VALUE && now - drainedWhileVoicedAt <= maxUnderrunNanos) {
                gaps.add(new PlaybackGap(drainedWhileVoicedAt, now - drainedWhileVoicedAt));
            }
            drainedWhileVoicedAt = Long.MIN_VALUE;
            cursorNanos = now;
            headOffset = 0;
        }
        int slices = (mulaw.length + SLICE_BYTES - 1) / SLICE_BYTES;
        boolean[] voiced = new boolean[slices];
        for (int s = 0; s < slices; s++) {
            int from = s * SLICE_BYTES;
            voiced[s] = detector.voiced(mulaw, from, Math.min(SLICE_BYTES, mulaw.length - from));
        }
        queue.addLast(new Chunk(mulaw, voiced));
    }

    /** Queues a mark; it is echoed (through the listener) once the audio queued before it has played. */
    public void mark(String name) {
        long now = advance();
        if (queue.isEmpty()) {
            cursorNanos = now;
            headOffset = 0;
        }
        queue.addLast(new PendingMark(name, now));
        advance();
    }

    /** Drops all queued audio and echoes every pending mark at once. */
    public void clear() {
        long now = advance();
        boolean wasSpeaking = speaking;
        int dropped = 0;
        int flushed = 0;
        boolean first = true;
        for (Item item : queue) {
            if (item instanceof Chunk chunk) {
                dropped += chunk.data().length - (first ? headOffset : 0);
            } else if (item instanceof PendingMark mark) {
                flushed++;
                marks.add(new MarkEcho(mark.name(), mark.receivedNanos(), now, true));
            }
            first = false;
        }
        List<Item> pending = List.copyOf(queue);
        queue.clear();
        headOffset = 0;
        bytesDropped += dropped;
        drainedWhileVoicedAt = Long.MIN_VALUE;
        if (speaking) {
            endSpeech(lastVoicedEndNanos, true);
        }
        clears.add(new ClearRecord(now, dropped, flushed, wasSpeaking));
        for (Item item : pending) {
            if (item instanceof PendingMark mark) {
                listener.markDue(mark.name(), true);
            }
        }
    }

    /**
     * Plays the queue up to the clock's current time, echoing marks that became due.
     *
     * @return the current clock time
     */
    public long advance() {
        long now = clock.getAsLong();
        while (!queue.isEmpty()) {
            Item head = queue.peekFirst();
            if (head instanceof PendingMark mark) {
                queue.removeFirst();
                marks.add(new MarkEcho(mark.name(), mark.receivedNanos(), Math.max(cursorNanos, mark.receivedNanos()), false));
                listener.markDue(mark.name(), false);
                continue;
            }
            if (cursorNanos >= now) {
                break;
            }
            Chunk chunk = (Chunk) head;
            int remaining = chunk.data().length - headOffset;
            long affordable = (now - cursorNanos) / NANOS_PER_BYTE;
            int bytes = (int) Math.min(remaining, affordable);
            if (bytes == 0) {
                break;
            }
            play(chunk, headOffset, headOffset + bytes);
            headOffset += bytes;
            if (headOffset == chunk.data().length) {
                queue.removeFirst();
                headOffset = 0;
                if (queue.isEmpty() && lastVoicedEndNanos == cursorNanos) {
                    drainedWhileVoicedAt = cursorNanos;
                }
            }
        }
        // Hangover: unvoiced audio or an empty buffer for long enough ends the utterance.
        if (speaking && lastVoicedEndNanos <= now - hangoverNanos) {
            endSpeech(lastVoicedEndNanos, false);
        }
        return now;
    }

    /** Plays bytes {@code [from, to)} of {@code chunk} starting at the cursor, tracking speech per slice. */
    private void play(Chunk chunk, int from, int to) {
        long base = cursorNanos;
        int position = from;
        while (position < to) {
            int slice = position / SLICE_BYTES;
            int end = Math.min((slice + 1) * SLICE_BYTES, to);
            long sliceStart = base + (position - from) * NANOS_PER_BYTE;
            if (chunk.voiced()[slice]) {
                if (!speaking) {
                    speaking = true;
                    speechStartNanos = sliceStart;
                    listener.botSpeechStarted(sliceStart);
                }
                lastVoicedEndNanos = base + (end - from) * NANOS_PER_BYTE;
            } else if (speaking && sliceStart - lastVoicedEndNanos >= hangoverNanos) {
                endSpeech(lastVoicedEndNanos, false);
            }
            position = end;
        }
        bytesPlayed += to - from;
        cursorNanos = base + (long) (to - from) * NANOS_PER_BYTE;
    }

    private void endSpeech(long endNanos, boolean cutByClear) {
        speaking = false;
        speech.add(new BotSpeech(speechStartNanos, endNanos, cutByClear));
        listener.botSpeechStopped(endNanos, cutByClear);
    }

    /**
     * Ends the call's playback: plays up to now and closes an open speech stretch. Later inputs are
     * still accepted but a closed stretch is not reopened retroactively.
     */
    public void finish() {
        advance();
        if (speaking) {
            endSpeech(lastVoicedEndNanos, false);
        }
    }

    /** @return true while the bot is audible at the caller (voiced audio, within the hangover) */
    public boolean botSpeaking() {
        return speaking;
    }

    /** @return when the current (or last) utterance started playing, if the bot ever spoke */
    public OptionalLong speechStartNanos() {
        return lastVoicedEndNanos == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(speechStartNanos);
    }

    /** @return when the last voiced slice finished playing, if the bot ever spoke */
    public OptionalLong lastVoicedEndNanos() {
        return lastVoicedEndNanos == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastVoicedEndNanos);
    }

    /** @return buffered audio not yet played, in nanoseconds (as of the last input) */
    public long bufferedNanos() {
        long bytes = 0;
        boolean first = true;
        for (Item item : queue) {
            if (item instanceof Chunk chunk) {
                bytes += chunk.data().length - (first ? headOffset : 0);
            }
            first = false;
        }
        return bytes * NANOS_PER_BYTE;
    }

    /** @return when the earliest pending mark becomes due, if one is pending (as of the last input) */
    public OptionalLong nextMarkDueNanos() {
        long due = cursorNanos;
        boolean first = true;
        for (Item item : queue) {
            if (item instanceof PendingMark) {
                return OptionalLong.of(due);
            }
            Chunk chunk = (Chunk) item;
            due += (chunk.data().length - (first ? headOffset : 0)) * NANOS_PER_BYTE;
            first = false;
        }
        return OptionalLong.empty();
    }

    /** @return an immutable snapshot of everything recorded so far */
    public PlaybackRecord record() {
        return new PlaybackRecord(speech, gaps, clears, marks, bytesReceived, bytesPlayed, bytesDropped);
    }
}
