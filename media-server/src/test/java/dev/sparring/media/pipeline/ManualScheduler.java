package dev.sparring.media.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler on a manual clock for deterministic tests: tasks run only inside
 * {@link #runPending()} / {@link #advance(long)}, in time then submission order.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nowMs;
    private long seq;
    private long hopMs;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMs);
        }
    };

    public ManualScheduler(long startMs) {
        this.nowMs = startMs;
    }

    public Clock clock() {
        return clock;
    }

    public long now() {
        return nowMs;
    }

    /**
     * Makes every {@link #execute} run {@code ms} later, as if tasks queued behind other work on a
     * busy event loop: the time a provider callback waits before the call handles it.
     */
    public void hopDelay(long ms) {
        hopMs = ms;
    }

    /** Runs everything due now (including tasks those tasks submit for now). */
    public synchronized void runPending() {
        Task<?> task;
        while ((task = queue.peek()) != null && task.atMs <= nowMs) {
            queue.poll();
            if (!task.cancelled) {
                task.run();
            }
        }
    }

    /** Moves time forward, running due tasks at their own times. */
    public synchronized void advance(long ms) {
        long target = nowMs + ms;
        runPending();
        Task<?> task;
        while ((task = queue.peek()) != null && task.atMs <= target) {
            nowMs = Math.max(nowMs, task.atMs);
            runPending();
        }
        nowMs = target;
        runPending();
    }

    @Override
    public synchronized void execute(Runnable command) {
        queue.add(new Task<>(nowMs + hopMs, seq++, () -> {
            command.run();
            return null;
        }));
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task<Object> task = new Task<>(nowMs + unit.toMillis(delay), seq++, () -> {
            command.run();
            return null;
        });
        queue.add(task);
        return task;
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(nowMs + unit.toMillis(delay), seq++, callable);
        queue.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the pipeline schedules one-shot ticks");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the pipeline schedules one-shot ticks");
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> implements ScheduledFuture<V> {
        final long atMs;
        final long order;
        final Callable<V> body;
        volatile boolean cancelled;
        volatile boolean done;

        Task(long atMs, long order, Callable<V> body) {
            this.atMs = atMs;
            this.order = order;
            this.body = body;
        }

        void run() {
            try {
                body.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            done = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atMs - nowMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            return atMs != o.atMs ? Long.compare(atMs, o.atMs) : Long.compare(order, o.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return !done;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() {
            return null;
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
