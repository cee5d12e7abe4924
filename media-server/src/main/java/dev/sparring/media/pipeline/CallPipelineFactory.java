package dev.sparring.media.pipeline;

/** Creates one pipeline per call; called on the call's executor. */
public interface CallPipelineFactory {
    CallPipeline create(CallContext ctx);
}
