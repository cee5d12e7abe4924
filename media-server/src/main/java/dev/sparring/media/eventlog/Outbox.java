package dev.sparring.media.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, ordered, capped on-disk queue of shipper batches, used while the control plane is
 * unreachable.
 *
 * <p>Each batch is one file named by a monotonically increasing sequence number, written to a temp
 * file, fsynced and renamed into place, so a hard kill leaves either the whole batch or none of it.
 * Batches are replayed oldest first and deleted once the control plane accepted them
 * (at-least-once: a batch whose send failed half-way is sent again; the control plane stores by
 * {@code (call_id, seq)}). When the total size would exceed the cap the OLDEST batches are deleted
 * first, because the newest events belong to calls still in progress and the oldest calls have the
 * best chance of already being partly stored; every dropped event is counted.
 *
 * <p>Owns the files in its directory. Not thread-safe: only the event shipper's thread touches it.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String SUFFIX = ".batch";

    private final Path dir;
    private final long capBytes;
    private final ToLongFunction<byte[]> eventCounter;
    private final TreeMap<Long, Long> sizes = new TreeMap<>();
    private long totalBytes;
    private long nextSeq;
    private long droppedEvents;

    /**
     * @param eventCounter counts the events in a stored batch, for the dropped-events figure
     */
    Outbox(Path dir, long capBytes, ToLongFunction<byte[]> eventCounter) {
        this.dir = dir;
        this.capBytes = capBytes;
        this.eventCounter = eventCounter;
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        // A batch that was being written when the process died: never renamed, never acknowledged.
                        Files.deleteIfExists(file);
                    } else if (name.endsWith(SUFFIX)) {
                        long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                        long size = Files.size(file);
                        sizes.put(seq, size);
                        totalBytes += size;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new OutboxException("cannot open outbox " + dir, e);
        }
        nextSeq = sizes.isEmpty() ? 1 : sizes.lastKey() + 1;
        if (!sizes.isEmpty()) {
            log.info("outbox {} holds {} batches ({} bytes) from a previous run; they will be replayed",
                    dir, sizes.size(), totalBytes);
        }
    }

    /** Durably appends one batch (fsync before return), then enforces the cap. */
    void append(byte[] batch) {
        long seq = nextSeq++;
        Path target = file(seq);
        Path tmp = dir.resolve(seq + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(batch);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new OutboxException("cannot write outbox batch " + target, e);
        }
        sizes.put(seq, (long) batch.length);
        totalBytes += batch.length;
        enforceCap();
    }

    /** The oldest batch, if any, as (sequence, bytes). */
    Optional<Stored> oldest() {
        if (sizes.isEmpty()) {
            return Optional.empty();
        }
        long seq = sizes.firstKey();
        try {
            return Optional.of(new Stored(seq, Files.readAllBytes(file(seq))));
        } catch (IOException e) {
            throw new OutboxException("cannot read outbox batch " + file(seq), e);
        }
    }

    /** Deletes a batch the control plane accepted. */
    void remove(long seq) {
        Long size = sizes.remove(seq);
        if (size == null) {
            return;
        }
        totalBytes -= size;
        try {
            Files.deleteIfExists(file(seq));
        } catch (IOException e) {
            throw new OutboxException("cannot delete outbox batch " + file(seq), e);
        }
    }

    boolean isEmpty() {
        return sizes.isEmpty();
    }

    int batches() {
        return sizes.size();
    }

    long bytes() {
        return totalBytes;
    }

    long droppedEvents() {
        return droppedEvents;
    }

    /** Sequence numbers of the stored batches, oldest first (for tests). */
    List<Long> sequences() {
        return new ArrayList<>(sizes.keySet());
    }

    private void enforceCap() {
        while (totalBytes > capBytes && sizes.size() > 1) {
            long seq = sizes.firstKey();
            long events;
            try {
                events = eventCounter.applyAsLong(Files.readAllBytes(file(seq)));
            } catch (IOException e) {
                events = 0;
            }
            droppedEvents += events;
            log.error("outbox {} exceeds its cap of {} bytes: dropping its oldest batch {} ({} events)",
                    dir, capBytes, seq, events);
            remove(seq);
        }
    }

    private void syncDirectory() {
        // Makes the rename itself durable; some file systems refuse to open a directory, which is harmless.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync outbox directory {}: {}", dir, e.toString());
        }
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%020d%s", seq, SUFFIX));
    }

    /** One stored batch. */
    record Stored(long seq, byte[] bytes) {}
}
