package dev.sparring.media.webrtc;

import dev.sparring.codecs.pcm.Levels;
import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.Injection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A prospect that greets with real speech on start and measures what it hears: the level of every
 * inbound 20 ms frame (PCM16 LE 16 kHz, as the WebRTC transport delivers it) and the marks played.
 * Its methods run on the call's executor; the lists are read by the test thread.
 */
final class GreetingPipeline implements CallPipeline {
    final CallContext ctx;
    final List<Double> inboundRms = new CopyOnWriteArrayList<>();
    final List<String> marks = new CopyOnWriteArrayList<>();
    final List<String> stops = new CopyOnWriteArrayList<>();
    private final byte[] greeting;

    GreetingPipeline(CallContext ctx, byte[] greeting) {
        this.ctx = ctx;
        this.greeting = greeting;
    }

    /** PCM16 16 kHz samples as the little-endian bytes the transport takes. */
    static byte[] littleEndian(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes.array();
    }

    @Override
    public void start() {
        ctx.transport().sendAudio(greeting);
        ctx.transport().sendMark("greeting");
    }

    /** The prospect speaks (the greeting) again; callable from any thread. */
    void speakAgain() {
        ctx.executor().execute(() -> ctx.transport().sendAudio(greeting));
    }

    @Override
    public void onInboundAudio(byte[] payload) {
        short[] samples = new short[payload.length / 2];
        ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        inboundRms.add(Levels.rms(samples, 0, samples.length));
    }

    /** Inbound frames louder than {@code rms}: the rep's speech, not silence or concealment. */
    long loudFrames(double rms) {
        return inboundRms.stream().filter(r -> r > rms).count();
    }

    @Override
    public void onMarkPlayed(String name) {
        marks.add(name);
    }

    @Override
    public void onDtmf(String digit) {
        // Browsers on this transport send no DTMF.
    }

    @Override
    public void onInjection(Injection injection) {
        // Not exercised by the transport tests.
    }

    @Override
    public void stop(String reason) {
        stops.add(reason);
        ctx.events().append("call.ended", Map.of("reason", reason, "at_ms", 0));
    }

    @Override
    public boolean idle() {
        return false;
    }
}
