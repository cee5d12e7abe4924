package dev.sparring.media.providers.local;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A least-recently-used cache of synthesised audio bounded by total bytes. Thread-safe (one lock;
 * entries are immutable arrays that callers must not modify).
 */
final class AudioCache {
    private final long capacityBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    AudioCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    synchronized Optional<byte[]> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(String key, byte[] audio) {
        if (audio.length > capacityBytes) {
            return;
        }
        byte[] previous = entries.put(key, audio);
        bytes += audio.length - (previous == null ? 0 : previous.length);
        Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > capacityBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }
}
