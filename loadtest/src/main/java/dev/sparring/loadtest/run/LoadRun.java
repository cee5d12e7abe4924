package dev.sparring.loadtest.run;

import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.twilio.CallObserver;
import dev.sparring.loadtest.twilio.CallResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a {@link LoadPlan}: {@code calls} slots, slot {@code i} starting at {@code ramp * i / calls};
 * each slot places a new call as soon as its call ends until {@code duration} has passed since the
 * start (a slot whose call could not be placed waits a second before trying again), then the run
 * waits for the last calls to end.
 *
 * <p><b>Threading and ownership.</b> Owns one scheduler thread that places calls, closes intervals
 * and builds the summary; calls complete on the emulator's event loops and hand straight back to
 * it. {@link #execute} blocks the calling thread until the run is over.
 */
public final class LoadRun {

    /** A slot whose call could not be placed waits this long before it tries again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final LoadPlan plan;
    private final CallLauncher launcher;
    private final LoadMetrics metrics;
    private final Consumer<Interval> progress;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch slotsDone;
    private final AtomicInteger nextScript = new AtomicInteger();
    private long startNanos;
    private volatile boolean stopped;

    private LoadRun(LoadPlan plan, CallLauncher launcher, LoadMetrics metrics, Consumer<Interval> progress) {
        this.plan = plan;
        this.launcher = launcher;
        this.metrics = metrics;
        this.progress = progress;
        this.slotsDone = new CountDownLatch(plan.calls());
    }

    /**
     * Runs the plan to its end.
     *
     * @param progress receives each closed interval on the scheduler thread (print it, do not block)
     * @return what the callers measured
     */
    public static LoadSummary execute(LoadPlan plan, CallLauncher launcher, LoadMetrics metrics, Consumer<Interval> progress)
            throws InterruptedException {
        return new LoadRun(plan, launcher, metrics, progress).run();
    }

    private LoadSummary run() throws InterruptedException {
        startNanos = System.nanoTime();
        try {
            long interval = plan.interval().toNanos();
            scheduler.scheduleAtFixedRate(() -> progress.accept(metrics.closeInterval(elapsed())), interval, interval,
                    TimeUnit.NANOSECONDS);
            for (int slot = 0; slot < plan.calls(); slot++) {
                long delay = plan.ramp().toNanos() * slot / plan.calls();
                scheduler.schedule(this::place, delay, TimeUnit.NANOSECONDS);
            }
            slotsDone.await();
            return scheduler.submit(() -> metrics.summary(elapsed())).get();
        } catch (ExecutionException e) {
            throw new LoadTestException("cannot summarise the run", e.getCause());
        } catch (InterruptedException e) {
            stopped = true;
            throw e;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Places one call for a slot; runs on the scheduler. */
    private void place() {
        if (stopped) {
            slotsDone.countDown();
            return;
        }
        String script = plan.scripts().get(Math.floorMod(nextScript.getAndIncrement(), plan.scripts().size()));
        Observer observer = new Observer(System.nanoTime());
        metrics.placed();
        CompletableFuture<CallResult> call;
        try {
            call = launcher.launch(script, observer);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((result, failure) -> {
            if (failure != null) {
                metrics.callFailed(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                metrics.callEnded(result, observer.placeToStartNanos);
            }
            scheduler.execute(() -> slotFree(failure != null));
        });
    }

    private void slotFree(boolean failed) {
        Duration remaining = plan.duration().minus(elapsed());
        if (stopped || !remaining.isPositive()) {
            slotsDone.countDown();
        } else if (failed) {
            if (remaining.compareTo(RETRY_AFTER_FAILURE) <= 0) {
                slotsDone.countDown();
            } else {
                scheduler.schedule(this::place, RETRY_AFTER_FAILURE.toNanos(), TimeUnit.NANOSECONDS);
            }
        } else {
            place();
        }
    }

    /** One call's live notifications; written on its event loop, read when it completes. */
    private final class Observer implements CallObserver {
        private final long placedNanos;
        private volatile long placeToStartNanos;

        Observer(long placedNanos) {
            this.placedNanos = placedNanos;
        }

        @Override
        public void streamStarted() {
            placeToStartNanos = System.nanoTime() - placedNanos;
            metrics.streamStarted(placeToStartNanos);
        }

        @Override
        public void turnAnswered(long latencyNanos) {
            metrics.turnAnswered(latencyNanos);
        }
    }
}
