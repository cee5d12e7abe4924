package dev.sparring.media.twilio;

import dev.sparring.media.pipeline.CallContext;
import dev.sparring.media.pipeline.CallPipeline;
import dev.sparring.media.pipeline.Injection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test pipeline that records every call it receives (as "method:arg") and, on start, greets with
 * one audio chunk and a mark, like a real prospect would; stop appends {@code call.ended}.
 */
public final class RecordingPipeline implements CallPipeline {
    public final CallContext ctx;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<byte[]> audio = new CopyOnWriteArrayList<>();
    public volatile boolean idle;
    volatile RuntimeException failOnAudio;

    public RecordingPipeline(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void start() {
        calls.add("start");
        ctx.transport().sendAudio(new byte[] {(byte) 0xFF, (byte) 0x7F, 0x00});
        ctx.transport().sendMark("greeting");
    }

    @Override
    public void onInboundAudio(byte[] payload) {
        if (failOnAudio != null) {
            throw failOnAudio;
        }
        audio.add(payload);
        calls.add("audio:" + payload.length);
    }

    @Override
    public void onMarkPlayed(String name) {
        calls.add("mark:" + name);
    }

    @Override
    public void onDtmf(String digit) {
        calls.add("dtmf:" + digit);
        ctx.transport().sendClear();
    }

    @Override
    public void onInjection(Injection injection) {
        calls.add("injection:" + injection.kind() + ":" + injection.text());
    }

    @Override
    public void stop(String reason) {
        calls.add("stop:" + reason);
        ctx.events().append("call.ended", Map.of("reason", reason, "at_ms", 0));
    }

    @Override
    public boolean idle() {
        return idle;
    }
}
