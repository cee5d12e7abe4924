package dev.sparring.media.providers.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.providers.openai.ChatStreamEvent.Delta;
import dev.sparring.media.providers.openai.ChatStreamEvent.Done;
import dev.sparring.media.providers.openai.ChatStreamEvent.Malformed;
import dev.sparring.media.providers.openai.ChatStreamEvent.StreamError;
import dev.sparring.media.providers.openai.ConnectionPool.Connection;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed chat completion: borrows a connection, sends the request, turns the SSE response into
 * listener callbacks, and gives the connection back once the response has been read to its end (or
 * closes it when the exchange is abandoned mid-body).
 *
 * <p>Everything but {@link #cancel()} runs on the connection's event loop. {@code finished} is the one
 * cross-thread flag: set by the single terminal callback or by {@code cancel()}, after which no token,
 * completion or error is delivered (a token already being delivered when {@code cancel()} runs may still
 * arrive; callers drop it by turn). Listener calls are made on the event loop and must not block.
 */
final class ChatExchange implements LanguageModel.Generation {
    private static final Logger log = LoggerFactory.getLogger(ChatExchange.class);
    private static final int MAX_EVENT_BYTES = 1 << 20;
    private static final int MAX_ERROR_BODY_CHARS = 16 * 1024;

    private final OpenAiConfig config;
    private final ConnectionPool pool;
    private final ObjectMapper json;
    private final OpenAiMetrics metrics;
    private final Clock clock;
    private final byte[] body;
    private final LanguageModel.Listener listener;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Channel channel;

    // Event-loop state of the current attempt.
    private long started;
    private long sentAt;
    private long lastActivity;
    private Connection connection;
    private boolean retried;
    private boolean responseStarted;
    private boolean streaming;
    private boolean keepAlive;
    private int status;
    private HttpHeaders headers;
    private StringBuilder errorBody;
    private SseDecoder sse;
    private boolean sawToken;
    private Optional<String> finishReason = Optional.empty();
    private boolean done;
    private ScheduledFuture<?> timer;

    ChatExchange(OpenAiConfig config, ConnectionPool pool, ObjectMapper json, OpenAiMetrics metrics, Clock clock,
                 byte[] body, LanguageModel.Listener listener) {
        this.config = config;
        this.pool = pool;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.body = body;
        this.listener = listener;
    }

    void start() {
        started = System.nanoTime();
        dispatch(pool.acquire());
    }

    @Override
    public void cancel() {
        if (finished.compareAndSet(false, true)) {
            Channel ch = channel;
            if (ch != null) {
                // Closing aborts the exchange on the wire; the server sees the stream end at once.
                ch.close();
            }
        }
    }

    private void dispatch(Future<Connection> acquiring) {
        acquiring.addListener(f -> {
            if (f.isSuccess()) {
                Connection c = acquiring.getNow();
                c.channel().eventLoop().execute(() -> send(c));
            } else {
                Throwable cause = f.cause();
                String kind = cause instanceof ConnectTimeoutException ? "timeout" : "connect";
                fail(new ProviderException(OpenAiLanguageModel.PROVIDER, kind,
                        "openai: cannot connect to " + config.baseUrl() + ": " + cause, true, cause));
            }
        });
    }

    private void send(Connection c) {
        if (finished.get()) {
            // Cancelled before the request left: the connection is clean, keep it.
            pool.release(c.channel());
            return;
        }
        connection = c;
        channel = c.channel();
        if (finished.get()) {
            channel.close();
            return;
        }
        resetAttempt();
        c.handler().bind(this);
        sentAt = System.nanoTime();
        channel.writeAndFlush(request()).addListener(w -> {
            if (!w.isSuccess()) {
                onConnectionError(w.cause());
            }
        });
        armTimer(config.firstTokenTimeout().toNanos());
    }

    private FullHttpRequest request() {
        URI url = config.completionsUrl();
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(body));
        HttpHeaders h = request.headers();
        boolean defaultPort = config.baseUrl().getPort() < 0;
        h.set(HttpHeaderNames.HOST, config.baseUrl().getHost() + (defaultPort ? "" : ":" + config.port()));
        h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + config.apiKey());
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        h.set(HttpHeaderNames.ACCEPT, "text/event-stream");
        h.set(HttpHeaderNames.USER_AGENT, "sparring-media-server");
        HttpUtil.setContentLength(request, body.length);
        return request;
    }

    void onHttpObject(HttpObject msg) {
        if (finished.get() && !done) {
            return;
        }
        responseStarted = true;
        lastActivity = System.nanoTime();
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            headers = response.headers();
            keepAlive = HttpUtil.isKeepAlive(response);
            if (status == 200) {
                String type = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
                if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                    failAndClose(protocol("expected a text/event-stream response, got '" + type + "'"));
                    return;
                }
                streaming = true;
            } else {
                errorBody = new StringBuilder();
            }
        }
        if (msg instanceof HttpContent content) {
            byte[] bytes = ByteBufUtil.getBytes(content.content());
            if (streaming) {
                if (!events(bytes)) {
                    return;
                }
            } else if (errorBody != null && errorBody.length() < MAX_ERROR_BODY_CHARS) {
                errorBody.append(new String(bytes, StandardCharsets.UTF_8));
            }
            if (msg instanceof LastHttpContent) {
                endOfResponse();
            }
        }
    }

    /** Feeds the SSE decoder; false when the exchange ended abnormally and the connection is gone. */
    private boolean events(byte[] bytes) {
        List<String> events;
        try {
            events = sse.feed(bytes);
        } catch (SseDecoder.SseException e) {
            failAndClose(protocol(e.getMessage()));
            return false;
        }
        for (String data : events) {
            if (done) {
                continue;
            }
            switch (ChatStreamEvent.parse(json, data)) {
                case Delta delta -> {
                    delta.content().ifPresent(this::token);
                    if (delta.finishReason().isPresent()) {
                        finishReason = delta.finishReason();
                    }
                }
                case Done d -> {
                    done = true;
                    complete();
                }
                case StreamError error -> {
                    failAndClose(new ProviderException(OpenAiLanguageModel.PROVIDER, "server",
                            "openai: error in the stream: " + error.message(), true));
                    return false;
                }
                case Malformed malformed -> {
                    failAndClose(protocol(malformed.reason()));
                    return false;
                }
            }
            if (finished.get() && !done) {
                return false;
            }
        }
        return true;
    }

    private void token(String text) {
        if (!sawToken) {
            sawToken = true;
            metrics.firstToken(System.nanoTime() - started);
            // From now on the deadline is the (shorter) idle gap, not the first-token one.
            cancelTimer();
            armTimer(config.idleTimeout().toNanos());
        }
        if (!finished.get()) {
            safely(() -> listener.onToken(text));
        }
    }

    private void endOfResponse() {
        if (!streaming) {
            fail(OpenAiErrors.fromResponse(json, clock, status, headers, errorBody == null ? "" : errorBody.toString()));
            giveBack();
            return;
        }
        if (!done && finishReason.isPresent()) {
            // Some compatible servers end the body after the finish_reason chunk without [DONE].
            done = true;
            complete();
        }
        if (done) {
            giveBack();
            return;
        }
        failAndClose(new ProviderException(OpenAiLanguageModel.PROVIDER, "dropped",
                "openai: the response ended before [DONE]", true));
    }

    /** The response was read to its end: the connection can serve the next exchange. */
    private void giveBack() {
        connection.handler().unbind();
        if (keepAlive) {
            pool.release(channel);
        } else {
            channel.close();
        }
    }

    void onConnectionClosed() {
        connectionLost("the connection closed " + (responseStarted ? "mid-stream" : "before the response"),
                Optional.empty());
    }

    void onConnectionError(Throwable cause) {
        connectionLost("connection error: " + cause, Optional.of(cause));
    }

    private void connectionLost(String what, Optional<Throwable> cause) {
        connection.handler().unbind();
        channel.close();
        if (finished.get()) {
            return;
        }
        if (!responseStarted && connection.reused() && !retried) {
            // A kept-alive connection the server had already closed: the request never reached it.
            retried = true;
            cancelTimer();
            log.debug("openai: stale pooled connection ({}); retrying on a new one", what);
            dispatch(pool.connect());
            return;
        }
        ProviderException error = new ProviderException(OpenAiLanguageModel.PROVIDER, "dropped", "openai: " + what, true);
        cause.ifPresent(error::addSuppressed);
        fail(error);
    }

    private void armTimer(long delayNanos) {
        timer = channel.eventLoop().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** One timer per exchange, re-armed for the remaining time rather than rescheduled on every token. */
    private void checkTimeout() {
        if (finished.get()) {
            return;
        }
        long now = System.nanoTime();
        long limit = sawToken ? config.idleTimeout().toNanos() : config.firstTokenTimeout().toNanos();
        long due = (sawToken ? lastActivity : sentAt) + limit;
        if (now < due) {
            armTimer(due - now);
            return;
        }
        String what = sawToken ? "no data for " + config.idleTimeout().toMillis() + " ms between tokens"
                : "no first token within " + config.firstTokenTimeout().toMillis() + " ms";
        failAndClose(new ProviderException(OpenAiLanguageModel.PROVIDER, "timeout", "openai: " + what, true));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void resetAttempt() {
        responseStarted = false;
        streaming = false;
        keepAlive = false;
        status = 0;
        headers = null;
        errorBody = null;
        sse = new SseDecoder(MAX_EVENT_BYTES);
        sawToken = false;
        finishReason = Optional.empty();
        done = false;
    }

    private void complete() {
        cancelTimer();
        if (finished.compareAndSet(false, true)) {
            metrics.completed(System.nanoTime() - started);
            safely(listener::onComplete);
        }
    }

    private void failAndClose(ProviderException error) {
        fail(error);
        if (connection != null) {
            connection.handler().unbind();
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void fail(ProviderException error) {
        if (channel != null && channel.eventLoop().inEventLoop()) {
            cancelTimer();
        }
        if (finished.compareAndSet(false, true)) {
            metrics.failure(error.kind());
            log.info("openai: {} ({}, retryable={})", error.getMessage(), error.kind(), error.retryable());
            safely(() -> listener.onError(error));
        }
    }

    private ProviderException protocol(String what) {
        return new ProviderException(OpenAiLanguageModel.PROVIDER, "protocol", "openai: " + what, false);
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("openai: listener failed", e);
        }
    }
}
