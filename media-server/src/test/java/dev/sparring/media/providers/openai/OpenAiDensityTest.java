package dev.sparring.media.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulator;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulatorConfig;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.LanguageModel.Message;
import dev.sparring.media.pipeline.LanguageModel.Request;
import dev.sparring.media.pipeline.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 200 replies streaming at once cost no thread per reply: every callback of every reply arrives on the
 * one shared event-loop thread. Logs the client's CPU time per reply (a figure for the docs, not asserted).
 */
class OpenAiDensityTest {
    private static final Logger log = LoggerFactory.getLogger(OpenAiDensityTest.class);
    private static final String KEY = "sk-test-density";
    private static final int REPLIES = 200;

    @Test
    void twoHundredConcurrentRepliesShareOneEventLoopThread() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (OpenAiChatSimulator simulator = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults(KEY)
                .withLatencies(Duration.ofMillis(50), Duration.ofMillis(5)));
             OpenAiLanguageModel model = new OpenAiLanguageModel(OpenAiConfig.defaults(KEY).withBaseUrl(simulator.baseUrl())
                     // Generous timeouts: this test counts threads and must not depend on machine load.
                     .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(60)),
                     group, new SimpleMeterRegistry())) {
            Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
            AtomicLong loopThreadId = new AtomicLong(-1);
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger tokens = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            LanguageModel.Listener listener = new LanguageModel.Listener() {
                @Override
                public void onToken(String text) {
                    callbackThreads.add(Thread.currentThread());
                    loopThreadId.set(Thread.currentThread().threadId());
                    tokens.incrementAndGet();
                }

                @Override
                public void onComplete() {
                    completed.incrementAndGet();
                }

                @Override
                public void onError(ProviderException error) {
                    errors.incrementAndGet();
                }
            };
            Request request = new Request("You are Dana Whitfield, a homeowner.",
                    List.of(Message.user("Tell me about your rates and fees, and when we could start.", true)),
                    List.of(), Optional.empty());
            int threadsBefore = Thread.activeCount();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();

            // Round 1 opens the connections (and warms the JIT); round 2 reuses them, as later turns do.
            for (int round = 1; round <= 2; round++) {
                completed.set(0);
                long cpuBefore = loopThreadId.get() < 0 ? 0 : mx.getThreadCpuTime(loopThreadId.get());
                long started = System.nanoTime();
                for (int i = 0; i < REPLIES; i++) {
                    model.generate(request, listener);
                }
                int threadsDuring = Thread.activeCount();
                await().atMost(Duration.ofSeconds(180)).until(() -> completed.get() + errors.get() == REPLIES);

                assertThat(errors.get()).isZero();
                assertThat(callbackThreads).hasSize(1);
                // No thread per reply: at most the loop itself and a test helper appear, not hundreds.
                assertThat(threadsDuring - threadsBefore).isLessThan(10);
                long cpuNanos = mx.getThreadCpuTime(loopThreadId.get()) - cpuBefore;
                log.info("openai client round {}: {} concurrent replies in {} ms, {} tokens so far, {} idle connections after, "
                                + "event-loop CPU {} ms ({} µs per reply), threads before/during: {}/{}", round, REPLIES,
                        (System.nanoTime() - started) / 1_000_000, tokens.get(), model.idleConnections(),
                        cpuNanos / 1_000_000, cpuNanos / 1_000 / REPLIES, threadsBefore, threadsDuring);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
