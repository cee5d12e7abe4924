package dev.sparring.loadtest.simulators.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes one HTTP request: the multi-stream-input WebSocket upgrade
 * ({@code GET /v1/text-to-speech/{voice_id}/multi-stream-input}) or the streaming endpoint
 * ({@code POST /v1/text-to-speech/{voice_id}/stream}, https://elevenlabs.io/docs/api-reference/text-to-speech/stream),
 * after checking {@code xi-api-key} (401 with {@code detail.status = invalid_api_key}) and the
 * rate-limit knob (429 with {@code Retry-After}).
 *
 * <p>One instance per connection, touched only by its event loop.
 */
final class SimulatorHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern PATH = Pattern.compile("^/v1/text-to-speech/([^/]+)/(multi-stream-input|stream)$");
    private static final int MAX_INACTIVITY_SECONDS = 180;

    private final ElevenLabsSimulatorConfig config;
    private final ElevenLabsFaults faults;
    private final SimulatorStats stats;
    private final SpeechRenderer renderer;
    private final ObjectMapper json;

    SimulatorHttpHandler(ElevenLabsSimulatorConfig config, ElevenLabsFaults faults, SimulatorStats stats,
                         SpeechRenderer renderer, ObjectMapper json) {
        this.config = config;
        this.faults = faults;
        this.stats = stats;
        this.renderer = renderer;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        Matcher m = PATH.matcher(uri.path());
        if (!m.matches()) {
            error(ctx, HttpResponseStatus.NOT_FOUND, "not_found", "no such endpoint: " + uri.path(), Map.of());
            return;
        }
        if (!config.apiKey().equals(req.headers().get("xi-api-key"))) {
            stats.refusal();
            error(ctx, HttpResponseStatus.UNAUTHORIZED, "invalid_api_key", "Invalid API key", Map.of());
            return;
        }
        int retryAfter = faults.takeRateLimit();
        if (retryAfter >= 0) {
            stats.refusal();
            error(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_concurrent_requests",
                    "Too many concurrent requests", Map.of("Retry-After", String.valueOf(retryAfter)));
            return;
        }
        Map<String, String> query = new HashMap<>();
        uri.parameters().forEach((k, v) -> query.put(k, v.getFirst()));
        Optional<SimulatedFormat> format = SimulatedFormat.parse(query.getOrDefault("output_format", "mp3_44100_128"));
        if (format.isEmpty()) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, "invalid_output_format",
                    "the simulator produces ulaw_8000 and pcm_* only, not " + query.get("output_format"), Map.of());
            return;
        }
        if (m.group(2).equals("multi-stream-input")) {
            upgrade(ctx, req, query, format.get());
        } else {
            stream(ctx, req, format.get());
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, Map<String, String> query, SimulatedFormat format) {
        if (!req.method().equals(HttpMethod.GET)) {
            error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "use GET to open the WebSocket", Map.of());
            return;
        }
        Duration inactivity = config.defaultInactivityTimeout();
        if (query.containsKey("inactivity_timeout")) {
            int seconds;
            try {
                seconds = Integer.parseInt(query.get("inactivity_timeout"));
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > MAX_INACTIVITY_SECONDS) {
                error(ctx, HttpResponseStatus.BAD_REQUEST, "invalid_inactivity_timeout",
                        "inactivity_timeout must be 1.." + MAX_INACTIVITY_SECONDS + " seconds", Map.of());
                return;
            }
            inactivity = Duration.ofSeconds(seconds);
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + req.headers().get(HttpHeaderNames.HOST) + req.uri(), null, true, 1 << 20).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ctx.pipeline().addLast(new WebSocketFrameAggregator(1 << 20),
                new MultiStreamHandler(config, faults, stats, renderer, format, inactivity, json));
        ctx.pipeline().remove(this);
        handshaker.handshake(ctx.channel(), req);
        stats.connected(query);
    }

    private void stream(ChannelHandlerContext ctx, FullHttpRequest req, SimulatedFormat format) {
        if (!req.method().equals(HttpMethod.POST)) {
            error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "use POST", Map.of());
            return;
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        String text;
        try {
            JsonNode node = json.readTree(body);
            text = node.path("text").asText("").strip();
        } catch (IOException e) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, "invalid_json", "the body is not valid JSON", Map.of());
            return;
        }
        if (text.isEmpty()) {
            error(ctx, HttpResponseStatus.UNPROCESSABLE_ENTITY, "missing_text", "field text is required", Map.of());
            return;
        }
        stats.httpStream(body);
        long received = System.nanoTime();
        renderer.render(text, format).whenComplete((speech, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                error(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "synthesis_failed", String.valueOf(failure.getMessage()), Map.of());
                return;
            }
            long wait = config.firstAudioLatency().plus(faults.extraFirstAudioDelay()).toNanos() - (System.nanoTime() - received);
            ctx.executor().schedule(() -> startStreaming(ctx, speech), Math.max(0, wait), TimeUnit.NANOSECONDS);
        }));
    }

    private void startStreaming(ChannelHandlerContext ctx, RenderedSpeech speech) {
        if (!ctx.channel().isActive()) {
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, speech.format().contentType());
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.write(head);
        sendChunk(ctx, speech, 0, 0);
    }

    private void sendChunk(ChannelHandlerContext ctx, RenderedSpeech speech, int offset, int sent) {
        if (!ctx.channel().isActive()) {
            return;
        }
        byte[] audio = speech.audio();
        if (offset >= audio.length) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        int end = Math.min(audio.length, offset + speech.format().bytesFor(config.chunkMs()));
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(audio, offset, end - offset)));
        if (faults.takeDrop(sent + 1)) {
            ctx.channel().close();
            return;
        }
        ctx.executor().schedule(() -> sendChunk(ctx, speech, end, sent + 1),
                config.chunkInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** An error in the documented shape {@code {"detail": {"status": ..., "message": ...}}}. */
    private void error(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message,
                       Map<String, String> headers) {
        ObjectNode body = json.createObjectNode();
        ObjectNode detail = body.putObject("detail");
        detail.put("status", code);
        detail.put("message", message);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headers.forEach((k, v) -> res.headers().set(k, v));
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
