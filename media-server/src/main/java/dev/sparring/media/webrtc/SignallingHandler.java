package dev.sparring.media.webrtc;

import dev.sparring.media.server.HttpReplies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of browser signalling, WHIP-shaped (RFC 9725): {@code POST /webrtc/offer} with
 * {@code Content-Type: application/sdp} and {@code Authorization: Bearer <session token>} answers
 * {@code 201} with the SDP answer and a {@code Location} whose {@code DELETE} hangs up. The page
 * lives on the control plane's origin, so allowed origins get CORS headers and their preflights
 * are answered; any other origin is refused with 403. Errors are problem+json.
 *
 * <p>Stateless; runs on the HTTP connection's event loop.
 */
public final class SignallingHandler {
    public static final String PREFIX = "/webrtc/";
    public static final String OFFER_PATH = "/webrtc/offer";
    public static final String CALLS_PATH = "/webrtc/calls/";
    private static final Logger log = LoggerFactory.getLogger(SignallingHandler.class);

    private final Signalling signalling;
    private final List<String> allowedOrigins;
    private final WebRtcMetrics metrics;

    public SignallingHandler(Signalling signalling, List<String> allowedOrigins, WebRtcMetrics metrics) {
        this.signalling = signalling;
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.metrics = metrics;
    }

    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Optional<String> origin = Optional.ofNullable(request.headers().get(HttpHeaderNames.ORIGIN));
        HttpHeaders cors = new DefaultHttpHeaders();
        if (origin.isPresent()) {
            if (!allowedOrigins.contains(origin.get().toLowerCase(Locale.ROOT))) {
                metrics.signallingRefused("origin-not-allowed");
                HttpReplies.problem(ctx, request, HttpResponseStatus.FORBIDDEN, "origin " + origin.get()
                        + " may not signal to this server (webrtc-allowed-origins)", cors);
                return;
            }
            cors.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            cors.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
            cors.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Location");
        }
        HttpMethod method = request.method();
        boolean offer = path.equals(OFFER_PATH);
        boolean resource = path.startsWith(CALLS_PATH) && path.length() > CALLS_PATH.length();
        if (!offer && !resource) {
            HttpReplies.problem(ctx, request, HttpResponseStatus.NOT_FOUND, "no such resource: " + method + " " + path, cors);
        } else if (method.equals(HttpMethod.OPTIONS)) {
            cors.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, offer ? "POST, OPTIONS" : "DELETE, OPTIONS");
            cors.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
            cors.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            HttpReplies.respond(ctx, request, HttpResponseStatus.NO_CONTENT, "text/plain", "", cors);
        } else if (offer && method.equals(HttpMethod.POST)) {
            offer(ctx, request, cors);
        } else if (resource && method.equals(HttpMethod.DELETE)) {
            String id = path.substring(CALLS_PATH.length());
            if (signalling.hangUp(id)) {
                HttpReplies.respond(ctx, request, HttpResponseStatus.NO_CONTENT, "text/plain", "", cors);
            } else {
                HttpReplies.problem(ctx, request, HttpResponseStatus.NOT_FOUND, "no call at " + path, cors);
            }
        } else {
            cors.set(HttpHeaderNames.ALLOW, offer ? "POST, OPTIONS" : "DELETE, OPTIONS");
            HttpReplies.problem(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed on " + path, cors);
        }
    }

    private void offer(ChannelHandlerContext ctx, FullHttpRequest request, HttpHeaders cors) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            metrics.signallingRefused("not-sdp");
            HttpReplies.problem(ctx, request, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "an offer is posted as Content-Type: application/sdp, was '" + type + "'", cors);
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        Optional<String> token = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(authorization.substring(7).strip()).filter(t -> !t.isEmpty()) : Optional.empty();
        String sdp = request.content().toString(StandardCharsets.UTF_8);
        try {
            Signalling.Answer answer = signalling.offer(sdp, token, ctx.channel().eventLoop());
            cors.set(HttpHeaderNames.LOCATION, CALLS_PATH + answer.resourceId());
            HttpReplies.respond(ctx, request, HttpResponseStatus.CREATED, "application/sdp", answer.sdp(), cors);
        } catch (SignallingException e) {
            metrics.signallingRefused(e.reason());
            log.info("offer refused ({}): {}", e.reason(), e.getMessage());
            if (e.status() == 401) {
                cors.set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            HttpReplies.problem(ctx, request, HttpResponseStatus.valueOf(e.status()), e.getMessage(), cors);
        }
    }
}
