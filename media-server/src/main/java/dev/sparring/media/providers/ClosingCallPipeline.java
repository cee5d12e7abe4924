package dev.sparring.media.providers;

import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.Injection;

/**
 * A call's pipeline plus a per-call provider connection (the ElevenLabs WebSocket) that must be
 * released when the call stops. Called on the call's executor only, like the pipeline it wraps.
 */
final class ClosingCallPipeline implements CallPipeline {
    private final CallPipeline pipeline;
    private final AutoCloseable connection;

    ClosingCallPipeline(CallPipeline pipeline, AutoCloseable connection) {
        this.pipeline = pipeline;
        this.connection = connection;
    }

    @Override
    public void start() {
        pipeline.start();
    }

    @Override
    public void onInboundAudio(byte[] payload) {
        pipeline.onInboundAudio(payload);
    }

    @Override
    public void onMarkPlayed(String name) {
        pipeline.onMarkPlayed(name);
    }

    @Override
    public void onDtmf(String digit) {
        pipeline.onDtmf(digit);
    }

    @Override
    public void onInjection(Injection injection) {
        pipeline.onInjection(injection);
    }

    @Override
    public void stop(String reason) {
        try {
            pipeline.stop(reason);
        } finally {
            pipeline.stopped().whenComplete((ignored, failure) -> {
                try {
                    connection.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ClosingCallPipeline.class).warn("closing a provider connection: {}", e.getMessage());
                }
            });
        }
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> stopped() {
        return pipeline.stopped();
    }

    @Override
    public boolean idle() {
        return pipeline.idle();
    }
}
