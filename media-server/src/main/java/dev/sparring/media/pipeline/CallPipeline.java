package dev.sparring.media.pipeline;

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

    /** Hang-up / timeout / drain: flush final utterances, emit call.ended. */
    void stop(String reason);

    /**
     * True when neither side is speaking, no reply is being generated or played, and nothing is
     * pending: the silence-timeout guard may count this time as silence.
     */
    boolean idle();
}
