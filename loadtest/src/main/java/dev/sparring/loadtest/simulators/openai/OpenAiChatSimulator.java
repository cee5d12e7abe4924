package dev.sparring.loadtest.simulators.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.loadtest.LoadTestException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking OpenAI's chat completions protocol ({@code POST /v1/chat/completions},
 * streamed as server-sent events or answered whole), so the production client, load tests and
 * offline demos run without the cloud. Replies are generated from the request by
 * {@link ProspectReplies}; failures are injected with {@link #injectNext(SimulatorFault)}.
 *
 * <p>Owns its event-loop group and listening channel (released by {@link #close()}). Connection state
 * lives on the event loops; the fault queue, counters and request log are thread-safe.
 */
public final class OpenAiChatSimulator implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int RECEIVED_KEPT = 256;

    private final OpenAiChatSimulatorConfig config;
    private final Clock clock;
    private final EventLoopGroup group;
    private final Channel server;
    private final Queue<SimulatorFault> faults = new ConcurrentLinkedQueue<>();
    private final Deque<JsonNode> received = new ArrayDeque<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();

    /** Counters since start: requests to the completions path, replies finished, streams the client abandoned. */
    public record Stats(long requests, long completed, long abortedByClient) {
    }

    private OpenAiChatSimulator(OpenAiChatSimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.group = new MultiThreadIoEventLoopGroup(config.threads(), NioIoHandler.newFactory());
        ObjectMapper json = new ObjectMapper();
        ProspectReplies replies = new ProspectReplies();
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new ChatCompletionsHandler(OpenAiChatSimulator.this, config, json, replies));
                        }
                    })
                    .bind(config.bindHost(), config.port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new LoadTestException("openai simulator: cannot bind " + config.bindHost() + ":" + config.port(), e);
        }
    }

    public static OpenAiChatSimulator start(OpenAiChatSimulatorConfig config) {
        return new OpenAiChatSimulator(config, Clock.systemUTC());
    }

    /** The base URL clients are configured with, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public URI baseUrl() {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        return URI.create("http://" + config.bindHost() + ":" + address.getPort());
    }

    /** Plays {@code fault} on the next request to the completions path; queued faults apply in order, one per request. */
    public void injectNext(SimulatorFault fault) {
        faults.add(fault);
    }

    /** The bodies of the most recent valid requests (up to 256), oldest first. */
    public List<JsonNode> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    public Stats stats() {
        return new Stats(requests.get(), completed.get(), aborted.get());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    Optional<SimulatorFault> nextFault() {
        return Optional.ofNullable(faults.poll());
    }

    void record(ObjectMapper json, byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            return;
        }
        synchronized (received) {
            received.addLast(node);
            while (received.size() > RECEIVED_KEPT) {
                received.removeFirst();
            }
        }
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void countCompleted() {
        completed.incrementAndGet();
    }

    void countAborted() {
        aborted.incrementAndGet();
    }

    String nextCompletionId() {
        return "chatcmpl-sim" + Long.toString(ids.incrementAndGet(), 36);
    }

    String nextRequestId() {
        return "req_sim" + Long.toString(ids.incrementAndGet(), 36);
    }

    long nowEpochSeconds() {
        return clock.instant().getEpochSecond();
    }
}
