package dev.sparring.media.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.pipeline.ProviderException;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status mapping per https://platform.openai.com/docs/guides/error-codes; bodies in OpenAI's error shape. */
class OpenAiErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void authErrorsAreNotRetryable() {
        ProviderException e = map(401, new DefaultHttpHeaders(), """
                {"error": {"message": "Incorrect API key provided: sk-w****0000.", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}""");

        assertThat(e.kind()).isEqualTo("auth");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("openai: HTTP 401: Incorrect API key provided: sk-w****0000.");
        assertThat(map(403, new DefaultHttpHeaders(), "").kind()).isEqualTo("auth");
    }

    @Test
    void rateLimitsCarryTheirDelay() {
        HttpHeaders precise = new DefaultHttpHeaders().set("retry-after", "2").set("retry-after-ms", "1500");
        HttpHeaders seconds = new DefaultHttpHeaders().set("retry-after", "3");
        HttpHeaders date = new DefaultHttpHeaders().set("retry-after",
                DateFormatter.format(Date.from(CLOCK.instant().plusSeconds(4))));

        ProviderException e = map(429, precise, "{\"error\": {\"message\": \"Rate limit reached\", \"code\": \"rate_limit_exceeded\"}}");

        assertThat(e.kind()).isEqualTo("rate-limited");
        assertThat(e.retryable()).isTrue();
        assertThat(OpenAiErrors.retryAfter(e)).hasValue(Duration.ofMillis(1500));
        assertThat(OpenAiErrors.retryAfter(map(429, seconds, ""))).hasValue(Duration.ofSeconds(3));
        assertThat(OpenAiErrors.retryAfter(map(429, date, ""))).hasValue(Duration.ofSeconds(4));
        assertThat(OpenAiErrors.retryAfter(map(429, new DefaultHttpHeaders(), ""))).isEqualTo(Optional.empty());
    }

    @Test
    void anExhaustedQuotaIsNotWorthRetrying() {
        ProviderException e = map(429, new DefaultHttpHeaders(), """
                {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}""");

        assertThat(e.kind()).isEqualTo("quota");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void serverErrorsAreRetryableAndRequestErrorsAreNot() {
        assertThat(map(500, new DefaultHttpHeaders(), "<html>bad gateway</html>")).satisfies(e -> {
            assertThat(e.kind()).isEqualTo("server");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).endsWith("<html>bad gateway</html>");
        });
        assertThat(map(503, new DefaultHttpHeaders(), "").retryable()).isTrue();
        assertThat(map(408, new DefaultHttpHeaders(), "").kind()).isEqualTo("timeout");
        assertThat(map(400, new DefaultHttpHeaders(), "{\"error\": {\"message\": \"you must provide a model parameter\"}}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("request");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).endsWith("you must provide a model parameter");
                });
    }

    private static ProviderException map(int status, HttpHeaders headers, String body) {
        return OpenAiErrors.fromResponse(JSON, CLOCK, status, headers, body);
    }
}
