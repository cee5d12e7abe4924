package dev.sparring.media.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes the HTTP server's replies: bodies with their type, and problem+json errors (RFC 9457). */
public final class HttpReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpReplies() {
    }

    public static void problem(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                               String detail, HttpHeaders extraHeaders) {
        var node = JSON.createObjectNode().put("type", "about:blank").put("title", status.reasonPhrase())
                .put("status", status.code()).put("detail", detail);
        respond(ctx, request, status, "application/problem+json", node.toString(), extraHeaders);
    }

    public static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                               String contentType, String body, HttpHeaders extraHeaders) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().add(extraHeaders);
        if (!body.isEmpty() || status.code() != 204) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
