package dev.sparring.media.providers.deepgram;

import java.util.ArrayDeque;

/**
 * The caller audio Deepgram has not yet covered with a final result, by position in the call's
 * audio (bytes since the first byte given to the stream). Deepgram acknowledges nothing but final
 * results, so after a drop this is what must be sent again. Bounded: past {@code limitBytes} the
 * oldest audio is forgotten.
 *
 * <p>Owns the chunks (never modified after {@link #append}); touched only by the stream's event loop.
 */
final class AudioReplayBuffer {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final long limitBytes;
    private int headOffset;
    private long startByte;
    private long endByte;

    AudioReplayBuffer(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    void append(byte[] chunk) {
        chunks.addLast(chunk);
        endByte += chunk.length;
        if (endByte - startByte > limitBytes) {
            acknowledge(endByte - limitBytes);
        }
    }

    /** Forgets everything before call position {@code position}. */
    void acknowledge(long position) {
        long target = Math.min(position, endByte);
        while (startByte < target && !chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int left = head.length - headOffset;
            long drop = Math.min(left, target - startByte);
            startByte += drop;
            headOffset += (int) drop;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
    }

    /** Hands each buffered piece, oldest first, to {@code sink} (array, offset, length). */
    void forEach(Slice sink) {
        boolean first = true;
        for (byte[] chunk : chunks) {
            int offset = first ? headOffset : 0;
            first = false;
            sink.accept(chunk, offset, chunk.length - offset);
        }
    }

    void clear() {
        chunks.clear();
        headOffset = 0;
        startByte = endByte;
    }

    /** @return the call position of the oldest buffered byte */
    long startByte() {
        return startByte;
    }

    /** @return the call position after the newest byte */
    long endByte() {
        return endByte;
    }

    /** A piece of buffered audio. */
    interface Slice {
        void accept(byte[] array, int offset, int length);
    }

    /** For tests: the buffered bytes as one array. */
    byte[] toArray() {
        byte[] all = new byte[(int) (endByte - startByte)];
        int[] at = {0};
        forEach((array, offset, length) -> {
            System.arraycopy(array, offset, all, at[0], length);
            at[0] += length;
        });
        return all;
    }
}
