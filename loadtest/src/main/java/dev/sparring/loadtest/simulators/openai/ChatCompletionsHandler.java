package dev.sparring.loadtest.simulators.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.loadtest.simulators.openai.ChatRequest.Invalid;
import dev.sparring.loadtest.simulators.openai.ChatRequest.Valid;
import dev.sparring.loadtest.simulators.openai.SimulatorFault.DropMidStream;
import dev.sparring.loadtest.simulators.openai.SimulatorFault.MalformedChunk;
import dev.sparring.loadtest.simulators.openai.SimulatorFault.RateLimited;
import dev.sparring.loadtest.simulators.openai.SimulatorFault.ServerError;
import dev.sparring.loadtest.simulators.openai.SimulatorFault.SlowFirstByte;
import dev.sparring.loadtest.simulators.openai.SimulatorFault.Unauthorized;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /v1/chat/completions} on one connection. One request at a time (HTTP/1.1
 * without pipelining, like OpenAI's clients). All state lives on the channel's event loop; replies
 * are paced with the loop's timers, so a stream costs no thread.
 */
final class ChatCompletionsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsHandler.class);
    static final String PATH = "/v1/chat/completions";

    private final OpenAiChatSimulator simulator;
    private final OpenAiChatSimulatorConfig config;
    private final ObjectMapper json;
    private final ProspectReplies replies;
    private Optional<ScheduledFuture<?>> pending = Optional.empty();
    /** True from the first response byte of a stream until its end (normal or injected drop). */
    private boolean streaming;

    ChatCompletionsHandler(OpenAiChatSimulator simulator, OpenAiChatSimulatorConfig config, ObjectMapper json,
                           ProspectReplies replies) {
        this.simulator = simulator;
        this.config = config;
        this.json = json;
        this.replies = replies;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = request.uri().split("\\?", 2)[0];
        if (!request.method().equals(HttpMethod.POST) || !path.equals(PATH)) {
            sendError(ctx, OpenAiErrorBody.notFound(request.method().name(), path), keepAlive, Optional.empty());
            return;
        }
        simulator.countRequest();
        Optional<SimulatorFault> fault = simulator.nextFault();
        Optional<OpenAiErrorBody> authError = authError(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (fault.orElse(null) instanceof Unauthorized) {
            authError = Optional.of(OpenAiErrorBody.incorrectKey(config.apiKey() + "-revoked"));
        }
        if (authError.isPresent()) {
            sendError(ctx, authError.get(), keepAlive, Optional.empty());
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        ChatRequest chat;
        switch (ChatRequest.parse(json, body)) {
            case Invalid invalid -> {
                sendError(ctx, invalid.error(), keepAlive, Optional.empty());
                return;
            }
            case Valid valid -> chat = valid.request();
        }
        simulator.record(json, body);
        switch (fault.orElse(null)) {
            case RateLimited r -> sendError(ctx, OpenAiErrorBody.rateLimited(chat.model(), r.retryAfter()), keepAlive,
                    Optional.of(r.retryAfter()));
            case ServerError s -> sendError(ctx, OpenAiErrorBody.serverError(), keepAlive, Optional.empty());
            case SlowFirstByte slow -> schedule(ctx, slow.delay(), () -> answer(ctx, chat, keepAlive, Optional.empty()));
            case null, default -> answer(ctx, chat, keepAlive, fault);
        }
    }

    private Optional<OpenAiErrorBody> authError(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(OpenAiErrorBody.missingKey());
        }
        String key = authorization.substring(7).trim();
        return key.equals(config.apiKey()) ? Optional.empty() : Optional.of(OpenAiErrorBody.incorrectKey(key));
    }

    private void answer(ChannelHandlerContext ctx, ChatRequest chat, boolean keepAlive, Optional<SimulatorFault> fault) {
        List<String> words = List.of(replies.reply(chat).split(" "));
        String finishReason = "stop";
        if (chat.maxTokens().isPresent() && chat.maxTokens().getAsInt() < words.size()) {
            // One word per token is close enough for a simulator; the cut is what matters to clients.
            words = words.subList(0, chat.maxTokens().getAsInt());
            finishReason = "length";
        }
        ChunkWriter writer = new ChunkWriter(json, simulator.nextCompletionId(), simulator.nowEpochSeconds(), chat.model());
        if (!chat.stream()) {
            String content = String.join(" ", words);
            int promptTokens = chat.messages().stream().mapToInt(m -> m.content().split("\\s+").length).sum();
            byte[] bytes = writer.completion(content, finishReason, promptTokens, words.size());
            Duration delay = config.firstTokenLatency().plus(config.interTokenDelay().multipliedBy(words.size()));
            schedule(ctx, delay, () -> {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(bytes));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                commonHeaders(response, keepAlive);
                HttpUtil.setContentLength(response, bytes.length);
                simulator.countCompleted();
                finish(ctx, response, keepAlive);
            });
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        HttpUtil.setTransferEncodingChunked(head, true);
        commonHeaders(head, keepAlive);
        streaming = true;
        ctx.writeAndFlush(head);
        new Stream(ctx, writer, words, finishReason, keepAlive, fault).start();
    }

    /** Paces one streamed reply on the event loop: role + first word, then a word per tick, then finish and [DONE]. */
    private final class Stream {
        private final ChannelHandlerContext ctx;
        private final ChunkWriter writer;
        private final List<String> words;
        private final String finishReason;
        private final boolean keepAlive;
        private final Optional<SimulatorFault> fault;
        private int next;

        Stream(ChannelHandlerContext ctx, ChunkWriter writer, List<String> words, String finishReason, boolean keepAlive,
               Optional<SimulatorFault> fault) {
            this.ctx = ctx;
            this.writer = writer;
            this.words = new ArrayList<>(words);
            this.finishReason = finishReason;
            this.keepAlive = keepAlive;
            this.fault = fault;
        }

        void start() {
            schedule(ctx, config.firstTokenLatency(), () -> {
                write(writer.roleChunk());
                step();
            });
        }

        private void step() {
            if (fault.orElse(null) instanceof DropMidStream drop && next == drop.afterWords()) {
                streaming = false;
                ctx.channel().flush();
                ctx.close();
                return;
            }
            if (fault.orElse(null) instanceof MalformedChunk bad && next == bad.afterWords()) {
                write(writer.malformedChunk(words.isEmpty() ? "" : " " + words.get(Math.min(next, words.size() - 1))));
            }
            if (next < words.size()) {
                write(writer.contentChunk(next == 0 ? words.get(0) : " " + words.get(next)));
                next++;
                ctx.flush();
                schedule(ctx, config.interTokenDelay(), this::step);
                return;
            }
            write(writer.finishChunk(finishReason));
            write(ChunkWriter.DONE);
            streaming = false;
            simulator.countCompleted();
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
        }

        private void write(byte[] event) {
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
        }
    }

    private void schedule(ChannelHandlerContext ctx, Duration delay, Runnable task) {
        pending = Optional.of(ctx.executor().schedule(() -> {
            pending = Optional.empty();
            if (ctx.channel().isActive()) {
                task.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.ifPresent(p -> p.cancel(false));
        if (streaming) {
            // The client went away before [DONE]: a cancelled reply, as a barge-in produces.
            streaming = false;
            simulator.countAborted();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("openai simulator: connection error: {}", cause.toString());
        ctx.close();
    }

    private void sendError(ChannelHandlerContext ctx, OpenAiErrorBody error, boolean keepAlive, Optional<Duration> retryAfter) {
        byte[] bytes = error.toJson(json);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.status()), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        HttpUtil.setContentLength(response, bytes.length);
        commonHeaders(response, keepAlive);
        retryAfter.ifPresent(d -> {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString((d.toMillis() + 999) / 1000));
            response.headers().set("retry-after-ms", Long.toString(d.toMillis()));
        });
        finish(ctx, response, keepAlive);
    }

    private void commonHeaders(HttpResponse response, boolean keepAlive) {
        response.headers().set("x-request-id", simulator.nextRequestId());
        response.headers().set("openai-processing-ms", Long.toString(config.firstTokenLatency().toMillis()));
        HttpUtil.setKeepAlive(response, keepAlive);
    }

    private static void finish(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        ctx.writeAndFlush(response).addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }
}
