package dev.sparring.media.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.pipeline.ProviderException;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an HTTP error answer to a {@link ProviderException}, following
 * https://platform.openai.com/docs/guides/error-codes: 401/403 are not retryable ({@code auth});
 * 429 is retryable ({@code rate-limited}) unless it is {@code insufficient_quota} ({@code quota});
 * 408, 409 and 5xx are retryable; other 4xx are the request's fault ({@code request}).
 * The server's {@code error.message} is kept (OpenAI redacts keys in it). Stateless.
 */
final class OpenAiErrors {
    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d+) ms");

    private OpenAiErrors() {
    }

    static ProviderException fromResponse(ObjectMapper json, Clock clock, int status, HttpHeaders headers, String body) {
        JsonNode error = error(json, body);
        String detail = error.path("message").asText(body.isBlank() ? "(no body)" : abbreviate(body));
        String code = error.path("code").asText("");
        String prefix = "openai: HTTP " + status + ": ";
        if (status == 401 || status == 403) {
            return new ProviderException(OpenAiLanguageModel.PROVIDER, "auth", prefix + detail, false);
        }
        if (status == 429) {
            if (code.equals("insufficient_quota")) {
                return new ProviderException(OpenAiLanguageModel.PROVIDER, "quota", prefix + detail, false);
            }
            String wait = retryAfter(clock, headers).map(d -> "retry after " + d.toMillis() + " ms: ").orElse("");
            return new ProviderException(OpenAiLanguageModel.PROVIDER, "rate-limited", prefix + wait + detail, true);
        }
        if (status == 408) {
            return new ProviderException(OpenAiLanguageModel.PROVIDER, "timeout", prefix + detail, true);
        }
        if (status >= 500 || status == 409) {
            return new ProviderException(OpenAiLanguageModel.PROVIDER, "server", prefix + detail, true);
        }
        return new ProviderException(OpenAiLanguageModel.PROVIDER, "request", prefix + detail, false);
    }

    /**
     * The server's requested wait, from {@code retry-after-ms} (OpenAI's precise header) or else
     * {@code retry-after} (seconds, or an HTTP date per RFC 9110 §10.2.3).
     */
    static Optional<Duration> retryAfter(Clock clock, HttpHeaders headers) {
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(ms.trim())))));
            } catch (NumberFormatException e) {
                // fall through to retry-after
            }
        }
        String value = headers.get("retry-after");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value.trim()) * 1000))));
        } catch (NumberFormatException e) {
            Date date = DateFormatter.parseHttpDate(value);
            return date == null ? Optional.empty()
                    : Optional.of(Duration.ofMillis(Math.max(0, date.getTime() - clock.millis())));
        }
    }

    /** The delay a {@code rate-limited} exception carries in its message, for the caller's retry policy. */
    static Optional<Duration> retryAfter(ProviderException error) {
        Matcher m = RETRY_AFTER.matcher(String.valueOf(error.getMessage()));
        return m.find() ? Optional.of(Duration.ofMillis(Long.parseLong(m.group(1)))) : Optional.empty();
    }

    private static JsonNode error(ObjectMapper json, String body) {
        try {
            JsonNode root = json.readTree(body);
            return root == null ? json.missingNode() : root.path("error");
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
