package dev.sparring.media.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.pipeline.Injection;
import dev.sparring.media.twilio.MediaStreamsDecoder;
import dev.sparring.media.twilio.MediaStreamsEncoder;
import dev.sparring.media.call.CallServices;
import dev.sparring.media.twilio.TwilioSignatureValidator;
import dev.sparring.media.twilio.TwilioStreamHandler;
import dev.sparring.media.webrtc.SignallingHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes plain HTTP requests: {@code GET /health}, {@code GET /ready}, {@code GET /metrics},
 * {@code POST /internal/calls/{id}/injections}, and the Twilio Media Streams upgrade at
 * {@code /twilio/stream}, which it checks (drain, {@code X-Twilio-Signature}) and then hands to
 * Netty's WebSocket handshake with the Media Streams handlers installed behind it.
 *
 * <p>One instance per connection (it removes itself after an upgrade). Runs on the connection's
 * event loop; never blocks. Requests are released by the base class.
 */
public final class HttpRouterHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRouterHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("curveball", "context");
    private static final Set<String> TIMINGS = Set.of("now", "next-turn", "after-bot-turn");

    /** What the router needs, shared by all connections. */
    public record Services(MediaServerConfig config, String serviceKey, CallRegistry calls, ServerMetrics metrics,
                           PrometheusMeterRegistry prometheus, Optional<TwilioSignatureValidator> signatures,
                           CallServices streams, Optional<SignallingHandler> webrtc) {}

    private final Services services;

    public HttpRouterHandler(Services services) {
        this.services = services;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (path.equals(MediaServerConfig.TWILIO_STREAM_PATH)) {
            upgrade(ctx, request);
        } else if (path.startsWith(SignallingHandler.PREFIX) && services.webrtc().isPresent()) {
            services.webrtc().get().handle(ctx, request, path);
        } else if (path.equals("/health") && method.equals(HttpMethod.GET)) {
            respond(ctx, request, HttpResponseStatus.OK, "application/json", "{\"status\":\"up\"}");
        } else if (path.equals("/ready") && method.equals(HttpMethod.GET)) {
            boolean draining = services.calls().draining();
            respond(ctx, request, draining ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK,
                    "application/json", draining ? "{\"status\":\"draining\"}" : "{\"status\":\"ready\"}");
        } else if (path.equals("/metrics") && method.equals(HttpMethod.GET)) {
            respond(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    services.prometheus().scrape());
        } else if (path.startsWith("/internal/calls/") && path.endsWith("/injections") && method.equals(HttpMethod.POST)) {
            injection(ctx, request, path);
        } else {
            problem(ctx, request, HttpResponseStatus.NOT_FOUND, "no such resource: " + method + " " + path);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            problem(ctx, request, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade");
            return;
        }
        if (services.calls().draining()) {
            services.metrics().rejected("draining");
            problem(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "server is draining");
            return;
        }
        if (services.signatures().isPresent()) {
            String query = new QueryStringDecoder(request.uri()).rawQuery();
            String url = services.config().twilioStreamUrl() + (query.isEmpty() ? "" : "?" + query);
            Optional<String> signature = Optional.ofNullable(request.headers().get("X-Twilio-Signature"));
            if (!services.signatures().get().isValid(url, signature)) {
                services.metrics().rejected(signature.isEmpty() ? "signature-missing" : "signature-invalid");
                log.warn("refusing a stream upgrade from {}: {} X-Twilio-Signature", ctx.channel().remoteAddress(),
                        signature.isEmpty() ? "missing" : "invalid");
                problem(ctx, request, HttpResponseStatus.FORBIDDEN, "X-Twilio-Signature is missing or invalid");
                return;
            }
        }
        int max = services.config().maxFrameBytes();
        ChannelPipeline pipeline = ctx.pipeline();
        String self = ctx.name();
        pipeline.addAfter(self, "ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(MediaServerConfig.TWILIO_STREAM_PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(max)
                // The Media Streams decoder refuses text that is not UTF-8 (1007) as it parses;
                // validating every frame again here cost ~9% of the server's CPU under load.
                .withUTF8Validator(false)
                .build()));
        pipeline.addAfter("ws", "ws-aggregator", new WebSocketFrameAggregator(max));
        pipeline.addAfter("ws-aggregator", "twilio-decoder", new MediaStreamsDecoder());
        pipeline.addAfter("twilio-decoder", "twilio-encoder", new MediaStreamsEncoder());
        pipeline.addAfter("twilio-encoder", "twilio", new TwilioStreamHandler(services.streams()));
        ctx.fireChannelRead(request.retain());
        pipeline.remove(this);
    }

    private void injection(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!authorised(request)) {
            problem(ctx, request, HttpResponseStatus.UNAUTHORIZED, "missing or wrong service key");
            return;
        }
        String callId = path.substring("/internal/calls/".length(), path.length() - "/injections".length());
        Injection injection;
        try {
            JsonNode body = JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
            injection = new Injection(required(body, "injection_id"), oneOf(body, "kind", KINDS),
                    required(body, "text"), oneOf(body, "timing", TIMINGS));
        } catch (IOException | IllegalArgumentException e) {
            problem(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed injection: " + e.getMessage());
            return;
        }
        Optional<CallHandle> call = services.calls().find(callId);
        if (call.isEmpty()) {
            problem(ctx, request, HttpResponseStatus.NOT_FOUND, "call " + callId + " is not on this server");
            return;
        }
        call.get().inject(injection);
        respond(ctx, request, HttpResponseStatus.ACCEPTED, "application/json", "{\"status\":\"accepted\"}");
    }

    private boolean authorised(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        byte[] expected = ("Bearer " + services.serviceKey()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing text field " + field);
        }
        return value.asText();
    }

    private static String oneOf(JsonNode body, String field, Set<String> allowed) {
        String value = required(body, field);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(field + " must be one of " + allowed + ", was " + value);
        }
        return value;
    }

    private static void problem(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String detail) {
        HttpReplies.problem(ctx, request, status, detail, EmptyHttpHeaders.INSTANCE);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String contentType, String body) {
        HttpReplies.respond(ctx, request, status, contentType, body, EmptyHttpHeaders.INSTANCE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

}
