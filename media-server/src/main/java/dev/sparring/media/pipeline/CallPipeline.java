package dev.sparring.media.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One call's pipeline. All methods are called on ctx.executor() only. */
public interface CallPipeline {
    /** The prospect greets. */
    void start();

    /** One 20 ms frame in transport encoding. */
    void onInboundAudio(byte[] payload);

    /** Twilio echoed a mark (also those flushed by clear). */
    void onMarkPlayed(String name);

    void onDtmf(String digit);

    void onInjection(Injection injection);

    /**
     * Hang-up / timeout / drain: flush final utterances, emit call.ended. Never blocks; the stop
     * sequence may finish later (a recogniser flushing its last result), see {@link #stopped()}.
     */
    void stop(String reason);

    /**
     * Completes, on ctx.executor(), once the stop sequence has finished and {@code call.ended} was
     * appended: complete the call's event log only then, so late final utterances are part of it.
     * Pipelines that stop synchronously inherit an already-completed stage.
     */
    default CompletionStage<Void> stopped() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * True when neither side is speaking, no reply is being generated or played, and nothing is
     * pending: the silence-timeout guard may count this time as silence.
     */
    boolean idle();
}
