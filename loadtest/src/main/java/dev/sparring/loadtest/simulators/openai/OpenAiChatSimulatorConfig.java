package dev.sparring.loadtest.simulators.openai;

import dev.sparring.loadtest.LoadTestException;
import java.time.Duration;

/**
 * Settings of {@link OpenAiChatSimulator}.
 *
 * @param bindHost          address to listen on (default {@code 127.0.0.1})
 * @param port              port to listen on; 0 picks a free one (default 0)
 * @param apiKey            the only bearer key accepted; others get OpenAI's 401 body
 * @param firstTokenLatency request received → first content chunk (default 350 ms, a typical
 *                          published time to first token of a small chat model)
 * @param interTokenDelay   gap between streamed words (default 15 ms: small chat models stream
 *                          roughly 70–100 tokens per second, about 1.3 tokens per English word)
 * @param threads           event-loop threads of the server (default 1: every reply is timers, not work)
 */
public record OpenAiChatSimulatorConfig(String bindHost, int port, String apiKey, Duration firstTokenLatency,
                                        Duration interTokenDelay, int threads) {

    public static final Duration DEFAULT_FIRST_TOKEN_LATENCY = Duration.ofMillis(350);
    public static final Duration DEFAULT_INTER_TOKEN_DELAY = Duration.ofMillis(15);

    public OpenAiChatSimulatorConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new LoadTestException("openai simulator: api key must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new LoadTestException("openai simulator: port out of range: " + port);
        }
        if (firstTokenLatency.isNegative() || interTokenDelay.isNegative()) {
            throw new LoadTestException("openai simulator: latencies must not be negative");
        }
        if (threads < 1) {
            throw new LoadTestException("openai simulator: threads must be at least 1");
        }
    }

    /** Published-figure latencies on a free loopback port. */
    public static OpenAiChatSimulatorConfig defaults(String apiKey) {
        return new OpenAiChatSimulatorConfig("127.0.0.1", 0, apiKey, DEFAULT_FIRST_TOKEN_LATENCY,
                DEFAULT_INTER_TOKEN_DELAY, 1);
    }

    public OpenAiChatSimulatorConfig withLatencies(Duration firstToken, Duration interToken) {
        return new OpenAiChatSimulatorConfig(bindHost, port, apiKey, firstToken, interToken, threads);
    }
}
