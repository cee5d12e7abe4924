package dev.sparring.media.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls hosted by this server: admission (draining, per-organisation concurrency), lookup by
 * call id for injections, and the list to stop on drain.
 *
 * <p>Owns the call and per-org count maps. Thread-safe: every event loop admits and releases its
 * own calls; methods are synchronized and do constant work.
 */
public final class CallRegistry {

    /** Outcome of {@link #tryAdmit}. */
    public enum Admission { ADMITTED, DRAINING, ORG_LIMIT, ALREADY_LIVE }

    private final int maxPerOrg;
    private final Map<String, CallHandle> calls = new HashMap<>();
    private final Map<String, Integer> perOrg = new HashMap<>();
    private boolean draining;

    public CallRegistry(int maxPerOrg) {
        this.maxPerOrg = maxPerOrg;
    }

    public synchronized Admission tryAdmit(CallHandle call) {
        if (draining) {
            return Admission.DRAINING;
        }
        if (calls.containsKey(call.callId())) {
            return Admission.ALREADY_LIVE;
        }
        int current = perOrg.getOrDefault(call.orgId(), 0);
        if (current >= maxPerOrg) {
            return Admission.ORG_LIMIT;
        }
        perOrg.put(call.orgId(), current + 1);
        calls.put(call.callId(), call);
        return Admission.ADMITTED;
    }

    /** Forgets a call; harmless when it is not (or no longer) registered by this handle. */
    public synchronized void release(CallHandle call) {
        if (calls.remove(call.callId(), call)) {
            perOrg.computeIfPresent(call.orgId(), (org, n) -> n <= 1 ? null : n - 1);
            notifyAll();
        }
    }

    /** Waits until no call is hosted or the timeout passes; returns true when empty. Never on an event loop. */
    public synchronized boolean awaitEmpty(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!calls.isEmpty()) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            wait(leftMillis);
        }
        return true;
    }

    public synchronized Optional<CallHandle> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    public synchronized int size() {
        return calls.size();
    }

    public synchronized int sizeOf(String orgId) {
        return perOrg.getOrDefault(orgId, 0);
    }

    /** From now on admission is refused and {@code /ready} answers 503. */
    public synchronized void startDraining() {
        draining = true;
    }

    public synchronized boolean draining() {
        return draining;
    }

    public synchronized List<CallHandle> snapshot() {
        return List.copyOf(calls.values());
    }
}
