package dev.sparring.media.providers.openai;

import dev.sparring.media.config.ConfigException;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of {@link OpenAiLanguageModel}; validated on construction, naming the offending setting.
 *
 * @param baseUrl           server root without {@code /v1} (default {@code https://api.openai.com};
 *                          any OpenAI-compatible server works); {@code http} or {@code https}
 * @param apiKey            sent as {@code Authorization: Bearer <key>} (from {@code OPENAI_API_KEY})
 * @param model             chat model (default {@code gpt-4o-mini})
 * @param maxTokens         {@code max_tokens} of each reply (default 150: a spoken answer of one or two
 *                          sentences is 20–60 tokens; the cap bounds a runaway reply)
 * @param temperature       sampling temperature 0–2 (default 0.8: varied but in character)
 * @param connectTimeout    TCP + TLS connect (default 5 s)
 * @param firstTokenTimeout request sent → first content token (default 10 s; published time to
 *                          first token is well under a second, so this only catches a stuck server)
 * @param idleTimeout       longest silence between two received events once tokens flow (default 5 s)
 * @param keepAlive         how long an idle connection is kept for the next turn (default 60 s; a new
 *                          TLS connection to api.openai.com costs 2–3 round trips before the request)
 */
public record OpenAiConfig(URI baseUrl, String apiKey, String model, int maxTokens, double temperature,
                           Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout,
                           Duration keepAlive) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com");
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    public static final int DEFAULT_MAX_TOKENS = 150;
    public static final double DEFAULT_TEMPERATURE = 0.8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

    public OpenAiConfig {
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new ConfigException("openai base url must be an absolute http(s) URL: " + baseUrl);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new ConfigException("openai api key is missing (OPENAI_API_KEY)");
        }
        if (model == null || model.isBlank()) {
            throw new ConfigException("openai model must not be blank");
        }
        if (maxTokens < 1) {
            throw new ConfigException("openai max-tokens must be at least 1: " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new ConfigException("openai temperature must be between 0 and 2: " + temperature);
        }
        for (Duration d : new Duration[] {connectTimeout, firstTokenTimeout, idleTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException("openai timeouts must be positive");
            }
        }
        if (keepAlive.isNegative()) {
            throw new ConfigException("openai keep-alive must not be negative");
        }
    }

    /** Every default, with the given key. */
    public static OpenAiConfig defaults(String apiKey) {
        return new OpenAiConfig(DEFAULT_BASE_URL, apiKey, DEFAULT_MODEL, DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_FIRST_TOKEN_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_KEEP_ALIVE);
    }

    public OpenAiConfig withBaseUrl(URI url) {
        return new OpenAiConfig(url, apiKey, model, maxTokens, temperature, connectTimeout, firstTokenTimeout,
                idleTimeout, keepAlive);
    }

    public OpenAiConfig withModel(String name) {
        return new OpenAiConfig(baseUrl, apiKey, name, maxTokens, temperature, connectTimeout, firstTokenTimeout,
                idleTimeout, keepAlive);
    }

    public OpenAiConfig withTimeouts(Duration connect, Duration firstToken, Duration idle) {
        return new OpenAiConfig(baseUrl, apiKey, model, maxTokens, temperature, connect, firstToken, idle, keepAlive);
    }

    /**
     * The completions endpoint: {@code {base}/v1/chat/completions}, keeping any path prefix of the base;
     * a base already ending in {@code /v1} (the OpenAI SDKs' convention for {@code OPENAI_BASE_URL}) is not doubled.
     */
    URI completionsUrl() {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions");
    }

    int port() {
        return baseUrl.getPort() >= 0 ? baseUrl.getPort() : baseUrl.getScheme().equals("https") ? 443 : 80;
    }

    boolean tls() {
        return baseUrl.getScheme().equals("https");
    }

    @Override
    public String toString() {
        // Never print the key.
        return "OpenAiConfig[baseUrl=" + baseUrl + ", model=" + model + ", maxTokens=" + maxTokens + ", temperature="
                + temperature + ", connectTimeout=" + connectTimeout + ", firstTokenTimeout=" + firstTokenTimeout
                + ", idleTimeout=" + idleTimeout + ", keepAlive=" + keepAlive + "]";
    }
}
