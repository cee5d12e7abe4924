package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.TextToSpeech;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fallback path: {@code POST /v1/text-to-speech/{voice_id}/stream?output_format=…}
 * (https://elevenlabs.io/docs/api-reference/text-to-speech/stream), whose chunked response body is the
 * raw audio. One connection per request (no alignment data, a TCP and TLS handshake each time), on
 * an event loop of the shared group; no thread of its own.
 *
 * <p>Stateless between requests and thread-safe; each request's state lives on its channel's loop.
 * Listener methods run on that loop.
 */
public final class ElevenLabsHttpTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "elevenlabs-http";
    private static final int MAX_ERROR_BODY = 4096;

    private final ElevenLabsConfig config;
    private final NettyTransport transport;
    private final ElevenLabsMetrics metrics;

    /** Borrows {@code group}; its owner shuts it down. */
    public ElevenLabsHttpTextToSpeech(ElevenLabsConfig config, MeterRegistry registry, EventLoopGroup group,
                                      Class<? extends SocketChannel> channelType) {
        this.config = config;
        this.transport = NettyTransport.of(config, group, channelType);
        this.metrics = new ElevenLabsMetrics(registry, PROVIDER);
    }

    @Override
    public AudioEncoding outputEncoding() {
        return config.outputFormat().encoding();
    }

    @Override
    public Synthesis synthesize(String text, String voice, Listener listener) {
        EventLoop loop = transport.group().next();
        Request request = new Request(text, config.resolveVoice(voice), listener, loop);
        loop.execute(request::start);
        return request;
    }

    /** One request; fields are touched on {@code loop} only, except {@code cancelled}. */
    private final class Request extends SimpleChannelInboundHandler<HttpObject> implements Synthesis {
        private final String text;
        private final String voice;
        private final Listener listener;
        private final EventLoop loop;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final long startedNanos = System.nanoTime();
        private Channel channel;
        private ScheduledFuture<?> firstByteTimer;
        private int status;
        private String retryAfter;
        private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
        private long audioBytes;
        private boolean hasCarry;
        private byte carry;
        private boolean done;

        Request(String text, String voice, Listener listener, EventLoop loop) {
            this.text = text;
            this.voice = voice;
            this.listener = listener;
            this.loop = loop;
        }

        void start() {
            if (cancelled.get()) {
                return;
            }
            channel = transport.bootstrap(loop, config).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    transport.ssl().ifPresent(ssl -> ch.pipeline().addLast(
                            ssl.newHandler(ch.alloc(), config.baseUrl().getHost(), config.port())));
                    ch.pipeline().addLast(new HttpClientCodec(), Request.this);
                }
            }).connect(config.baseUrl().getHost(), config.port()).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(f.cause() instanceof ConnectTimeoutException ? "timeout" : "connection",
                            "cannot connect to ElevenLabs: " + f.cause(), true);
                }
            }).channel();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            String path = "/v1/text-to-speech/" + URLEncoder.encode(voice, StandardCharsets.UTF_8)
                    + "/stream?output_format=" + config.outputFormat().wireName();
            byte[] body = ElevenLabsMessages.streamRequest(text, config.modelId(), config.voiceSettings())
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                    Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.HOST, config.baseUrl().getHost())
                    .set("xi-api-key", config.apiKey())
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.ACCEPT, "audio/*")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(req);
            firstByteTimer = loop.schedule(() -> fail("timeout",
                    "no audio within " + config.firstAudioTimeout().toMillis() + " ms of the request", true),
                    config.firstAudioTimeout().toNanos(), TimeUnit.NANOSECONDS);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (done) {
                return;
            }
            if (msg instanceof HttpResponse res) {
                status = res.status().code();
                retryAfter = res.headers().get("Retry-After");
            }
            if (msg instanceof HttpContent content) {
                if (status == 200) {
                    audio(content.content());
                } else if (errorBody.size() < MAX_ERROR_BODY) {
                    ByteBuf buf = content.content();
                    byte[] bytes = new byte[Math.min(buf.readableBytes(), MAX_ERROR_BODY - errorBody.size())];
                    buf.getBytes(buf.readerIndex(), bytes);
                    errorBody.writeBytes(bytes);
                }
                if (msg instanceof LastHttpContent) {
                    end();
                }
            }
        }

        private void audio(ByteBuf buf) {
            int n = buf.readableBytes();
            if (n == 0) {
                return;
            }
            byte[] bytes = new byte[n + (hasCarry ? 1 : 0)];
            int at = 0;
            if (hasCarry) {
                bytes[at++] = carry;
                hasCarry = false;
            }
            buf.getBytes(buf.readerIndex(), bytes, at, n);
            if (outputEncoding().bytesPerSample() == 2 && bytes.length % 2 == 1) {
                carry = bytes[bytes.length - 1];
                hasCarry = true;
                bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
            }
            if (bytes.length == 0) {
                return;
            }
            if (audioBytes == 0) {
                stopTimer();
                metrics.firstByte(System.nanoTime() - startedNanos);
            }
            audioBytes += bytes.length;
            if (!cancelled.get()) {
                listener.onAudio(bytes);
            }
        }

        private void end() {
            if (status == 200) {
                done = true;
                stopTimer();
                channel.close();
                metrics.duration(System.nanoTime() - startedNanos);
                if (!cancelled.get()) {
                    listener.onComplete();
                }
                return;
            }
            String detail = errorBody.toString(StandardCharsets.UTF_8);
            if (status == 401 || status == 403) {
                fail("auth", "ElevenLabs refused the API key (HTTP " + status + "): " + detail, false);
            } else if (status == 429) {
                fail("rate_limited", "ElevenLabs answered 429" + (retryAfter != null ? ", retry after " + retryAfter + " s" : "")
                        + ": " + detail, true);
            } else if (status >= 500) {
                fail("server", "ElevenLabs answered HTTP " + status + ": " + detail, true);
            } else {
                fail("request", "ElevenLabs answered HTTP " + status + ": " + detail, false);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail("connection", audioBytes > 0 ? "the ElevenLabs stream dropped mid-reply" : "ElevenLabs closed the connection", true);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail("connection", "ElevenLabs stream failed: " + cause, true);
        }

        private void fail(String kind, String message, boolean retryable) {
            if (done) {
                return;
            }
            done = true;
            stopTimer();
            if (channel != null) {
                channel.close();
            }
            if (cancelled.get()) {
                return;
            }
            metrics.error(kind);
            listener.onError(new ProviderException(PROVIDER, kind, message, retryable));
        }

        private void stopTimer() {
            if (firstByteTimer != null) {
                firstByteTimer.cancel(false);
                firstByteTimer = null;
            }
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                loop.execute(() -> {
                    done = true;
                    stopTimer();
                    if (channel != null) {
                        channel.close();
                    }
                });
            }
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }
}
