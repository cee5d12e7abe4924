package dev.sparring.media.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulator;
import dev.sparring.loadtest.simulators.openai.OpenAiChatSimulatorConfig;
import dev.sparring.loadtest.simulators.openai.SimulatorFault;
import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.LanguageModel.Message;
import dev.sparring.media.pipeline.LanguageModel.Request;
import dev.sparring.media.pipeline.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the local OpenAI chat-completions simulator, which speaks the documented protocol. */
class OpenAiLanguageModelTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PERSONA = """
            You are Dana Whitfield, a homeowner at a small residential company.
            Objections to use during the conversation: Rates are too high right now; I'm happy with my current lender
            Stay in character. Keep answers short and spoken, one or two sentences.""";

    private static EventLoopGroup group;
    private static OpenAiChatSimulator simulator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        simulator = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults(KEY)
                .withLatencies(Duration.ofMillis(5), Duration.ofMillis(1)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeModels() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    @Test
    void streamsTheProspectsReplyTokenByToken() {
        OpenAiLanguageModel model = model(config(simulator));
        Recorder reply = new Recorder();

        model.generate(request("Let's talk about the price.", Optional.empty()), reply);

        await().atMost(WAIT).until(() -> reply.completed.get() == 1);
        assertThat(String.join("", reply.tokens)).isEqualTo("Before we go any further, what is this going to cost me, all in?");
        assertThat(reply.tokens).hasSizeGreaterThan(5);
        assertThat(reply.errors).isEmpty();
        JsonNode sent = simulator.received().getLast();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo(PERSONA);
        assertThat(sent.path("messages").get(2).path("content").asText()).isEqualTo("Let's talk about the price.");
        assertThat(registry.get("sparring.provider.ttfb").tag("provider", "openai").timer().count()).isEqualTo(1);
        assertThat(registry.get("sparring.provider.duration").tag("provider", "openai").timer().count()).isEqualTo(1);
    }

    @Test
    void voicesTheCoachsCurveball() {
        OpenAiLanguageModel model = model(config(simulator));
        Recorder reply = new Recorder();

        model.generate(request("So, the rate.", Optional.of("Your CFO wants three competing quotes")), reply);

        await().atMost(WAIT).until(() -> reply.completed.get() == 1);
        assertThat(String.join("", reply.tokens)).isEqualTo("Hold on. Your CFO wants three competing quotes. So how do you answer that?");
    }

    @Test
    void keepsTheConnectionForTheNextTurn() {
        OpenAiLanguageModel model = model(config(simulator));
        Recorder first = new Recorder();
        Recorder second = new Recorder();

        model.generate(request("Hello", Optional.empty()), first);
        await().atMost(WAIT).until(() -> first.completed.get() == 1 && model.idleConnections() == 1);
        model.generate(request("And the rate?", Optional.empty()), second);
        await().atMost(WAIT).until(() -> second.completed.get() == 1 && model.idleConnections() == 1);

        assertThat(registry.get("sparring.provider.connect").timer().count()).isEqualTo(1);
    }

    @Test
    void aWrongKeyIsAnAuthErrorThatIsNotRetryable() {
        OpenAiLanguageModel model = model(new OpenAiConfig(simulator.baseUrl(), "sk-wrong-key-000000", "gpt-4o-mini", 150,
                0.8, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        ProviderException error = reply.awaitError();
        assertThat(error.kind()).isEqualTo("auth");
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("HTTP 401", "Incorrect API key provided").doesNotContain("sk-wrong-key-000000");
        assertThat(registry.get("sparring.provider.failures").tags("provider", "openai", "kind", "auth").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aRevokedKeyAfterAnInjected401() {
        OpenAiLanguageModel model = model(config(simulator));
        simulator.injectNext(new SimulatorFault.Unauthorized());
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        assertThat(reply.awaitError().kind()).isEqualTo("auth");
    }

    @Test
    void rateLimitIsRetryableAndSaysHowLongToWait() {
        OpenAiLanguageModel model = model(config(simulator));
        simulator.injectNext(new SimulatorFault.RateLimited(Duration.ofMillis(1500)));
        Recorder limited = new Recorder();
        Recorder after = new Recorder();

        model.generate(request("Hello", Optional.empty()), limited);
        ProviderException error = limited.awaitError();
        model.generate(request("Hello", Optional.empty()), after);

        assertThat(error.kind()).isEqualTo("rate-limited");
        assertThat(error.retryable()).isTrue();
        assertThat(OpenAiLanguageModel.retryAfter(error)).hasValue(Duration.ofMillis(1500));
        await().atMost(WAIT).until(() -> after.completed.get() == 1);
        // The error body was read to its end, so the same connection served the next request.
        assertThat(registry.get("sparring.provider.connect").timer().count()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetryable() {
        OpenAiLanguageModel model = model(config(simulator));
        simulator.injectNext(new SimulatorFault.ServerError());
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        ProviderException error = reply.awaitError();
        assertThat(error.kind()).isEqualTo("server");
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("HTTP 500", "The server had an error");
    }

    @Test
    void aSlowFirstByteWithinTheTimeoutStillAnswers() {
        OpenAiLanguageModel model = model(config(simulator));
        simulator.injectNext(new SimulatorFault.SlowFirstByte(Duration.ofMillis(150)));
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        await().atMost(WAIT).until(() -> reply.completed.get() == 1);
        assertThat(reply.errors).isEmpty();
    }

    @Test
    void aFirstByteTooSlowTimesOutAndAbortsTheRequest() {
        OpenAiLanguageModel model = model(config(simulator).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofSeconds(5)));
        simulator.injectNext(new SimulatorFault.SlowFirstByte(Duration.ofSeconds(20)));
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        ProviderException error = reply.awaitError();
        assertThat(error.kind()).isEqualTo("timeout");
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).contains("no first token within 100 ms");
        assertThat(reply.tokens).isEmpty();
    }

    @Test
    void aStallBetweenTokensTimesOut() {
        try (OpenAiChatSimulator slow = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults(KEY)
                .withLatencies(Duration.ofMillis(5), Duration.ofSeconds(20)))) {
            OpenAiLanguageModel model = model(config(slow).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
                    Duration.ofMillis(100)));
            Recorder reply = new Recorder();

            model.generate(request("Hello", Optional.empty()), reply);

            ProviderException error = reply.awaitError();
            assertThat(error.kind()).isEqualTo("timeout");
            assertThat(error.getMessage()).contains("between tokens");
            assertThat(reply.tokens).hasSize(1);
        }
    }

    @Test
    void aConnectionDroppedMidStreamIsARetryableError() {
        OpenAiLanguageModel model = model(config(simulator));
        simulator.injectNext(new SimulatorFault.DropMidStream(3));
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        ProviderException error = reply.awaitError();
        assertThat(error.kind()).isEqualTo("dropped");
        assertThat(error.retryable()).isTrue();
        assertThat(reply.tokens).hasSize(3);
        assertThat(reply.completed.get()).isZero();
    }

    @Test
    void aMalformedChunkIsAProtocolError() {
        OpenAiLanguageModel model = model(config(simulator));
        simulator.injectNext(new SimulatorFault.MalformedChunk(2));
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        ProviderException error = reply.awaitError();
        assertThat(error.kind()).isEqualTo("protocol");
        assertThat(error.getMessage()).contains("chunk is not JSON");
        assertThat(reply.tokens).hasSize(2);
        assertThat(registry.get("sparring.provider.failures").tags("kind", "protocol").counter().count()).isEqualTo(1);
    }

    @Test
    void cancellingMidReplyAbortsTheExchangeWithNoFurtherCallbacks() {
        try (OpenAiChatSimulator paced = OpenAiChatSimulator.start(OpenAiChatSimulatorConfig.defaults(KEY)
                .withLatencies(Duration.ofMillis(5), Duration.ofMillis(20)))) {
            OpenAiLanguageModel model = model(config(paced));
            AtomicInteger cancelled = new AtomicInteger();
            Recorder reply = new Recorder();
            LanguageModel.Generation[] generation = new LanguageModel.Generation[1];
            // Barge-in after the second token, from inside the callback: the strictest moment to cancel.
            reply.onToken = n -> {
                if (n == 2) {
                    generation[0].cancel();
                    cancelled.incrementAndGet();
                }
            };

            synchronized (generation) {
                generation[0] = model.generate(request("Hello", Optional.empty()), reply);
            }

            await().atMost(WAIT).until(() -> paced.stats().abortedByClient() == 1);
            assertThat(cancelled.get()).isEqualTo(1);
            assertThat(reply.tokens).hasSize(2);
            assertThat(reply.completed.get()).isZero();
            assertThat(reply.errors).isEmpty();
            assertThat(paced.stats().completed()).isZero();
        }
    }

    @Test
    void cancellingBeforeTheReplyStartsIsSilent() {
        OpenAiLanguageModel model = model(config(simulator));
        Recorder reply = new Recorder();

        LanguageModel.Generation generation = model.generate(request("Hello", Optional.empty()), reply);
        generation.cancel();
        generation.cancel();
        Recorder next = new Recorder();
        model.generate(request("Hello", Optional.empty()), next);

        await().atMost(WAIT).until(() -> next.completed.get() == 1);
        assertThat(reply.tokens).isEmpty();
        assertThat(reply.completed.get()).isZero();
        assertThat(reply.errors).isEmpty();
    }

    @Test
    void aRefusedConnectionIsARetryableConnectError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        OpenAiLanguageModel model = model(config(simulator).withBaseUrl(URI.create("http://127.0.0.1:" + port)));
        Recorder reply = new Recorder();

        model.generate(request("Hello", Optional.empty()), reply);

        ProviderException error = reply.awaitError();
        assertThat(error.kind()).isEqualTo("connect");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void anOwnEventLoopWhenNoneIsShared() {
        OpenAiLanguageModel model = OpenAiLanguageModel.create(config(simulator), registry);
        closeAfter.add(model);
        Recorder reply = new Recorder();

        model.generate(request("What about timing, could we do this soon?", Optional.empty()), reply);

        await().atMost(WAIT).until(() -> reply.completed.get() == 1);
        assertThat(String.join("", reply.tokens)).startsWith("I'm not in a rush.");
    }

    private OpenAiLanguageModel model(OpenAiConfig config) {
        OpenAiLanguageModel model = new OpenAiLanguageModel(config, group, registry);
        closeAfter.add(model);
        return model;
    }

    private static OpenAiConfig config(OpenAiChatSimulator server) {
        return OpenAiConfig.defaults(KEY).withBaseUrl(server.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static Request request(String repSaid, Optional<String> curveball) {
        return new Request(PERSONA, List.of(Message.assistant("Hello, this is Dana."), Message.user(repSaid, true)),
                List.of(), curveball);
    }

    /** Records callbacks (they arrive on the event loop). */
    private static final class Recorder implements LanguageModel.Listener {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final List<ProviderException> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger completed = new AtomicInteger();
        volatile Consumer<Integer> onToken = n -> { };

        @Override
        public void onToken(String text) {
            tokens.add(text);
            onToken.accept(tokens.size());
        }

        @Override
        public void onComplete() {
            completed.incrementAndGet();
        }

        @Override
        public void onError(ProviderException error) {
            errors.add(error);
        }

        ProviderException awaitError() {
            await().atMost(WAIT).until(() -> !errors.isEmpty());
            assertThat(errors).hasSize(1);
            assertThat(completed.get()).isZero();
            return errors.getFirst();
        }
    }
}
