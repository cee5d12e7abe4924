package dev.sparring.loadtest.simulators.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}}
 * (https://platform.openai.com/docs/guides/error-codes; bodies transcribed from real responses).
 */
record OpenAiErrorBody(int status, String message, String type, Optional<String> param, Optional<String> code) {

    static OpenAiErrorBody missingKey() {
        return new OpenAiErrorBody(401, "You didn't provide an API key. You need to provide your API key in an "
                + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
                + "field (with blank username) if you're accessing the API from your browser and are prompted for a "
                + "username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                "invalid_request_error", Optional.empty(), Optional.empty());
    }

    static OpenAiErrorBody incorrectKey(String key) {
        return new OpenAiErrorBody(401, "Incorrect API key provided: " + redact(key)
                + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", Optional.empty(), Optional.of("invalid_api_key"));
    }

    static OpenAiErrorBody rateLimited(String model, Duration retryAfter) {
        return new OpenAiErrorBody(429, "Rate limit reached for " + model + " on requests per min (RPM): "
                + "Limit 3, Used 3, Requested 1. Please try again in " + retryAfter.toMillis() + "ms.",
                "requests", Optional.of("requests"), Optional.of("rate_limit_exceeded"));
    }

    static OpenAiErrorBody serverError() {
        return new OpenAiErrorBody(500, "The server had an error while processing your request. Sorry about that!",
                "server_error", Optional.empty(), Optional.empty());
    }

    static OpenAiErrorBody unparseableJson() {
        return new OpenAiErrorBody(400, "We could not parse the JSON body of your request. (HINT: This likely means "
                + "you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
                + "sent was not valid JSON.)", "invalid_request_error", Optional.empty(), Optional.empty());
    }

    static OpenAiErrorBody missingModel() {
        return new OpenAiErrorBody(400, "you must provide a model parameter", "invalid_request_error",
                Optional.empty(), Optional.empty());
    }

    static OpenAiErrorBody missingParameter(String param) {
        return new OpenAiErrorBody(400, "Missing required parameter: '" + param + "'.", "invalid_request_error",
                Optional.of(param), Optional.of("missing_required_parameter"));
    }

    static OpenAiErrorBody invalidParameter(String param, String message) {
        return new OpenAiErrorBody(400, message, "invalid_request_error", Optional.of(param), Optional.of("invalid_value"));
    }

    static OpenAiErrorBody notFound(String method, String path) {
        return new OpenAiErrorBody(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error",
                Optional.empty(), Optional.empty());
    }

    byte[] toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        param.ifPresentOrElse(p -> error.put("param", p), () -> error.putNull("param"));
        code.ifPresentOrElse(c -> error.put("code", c), () -> error.putNull("code"));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.sparring.loadtest.LoadTestException("openai simulator: cannot write error body", e);
        }
    }

    /** OpenAI echoes only the key's first and last four characters. */
    private static String redact(String key) {
        if (key.length() <= 8) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 4) + "*".repeat(key.length() - 8) + key.substring(key.length() - 4);
    }
}
