package dev.sparring.loadtest.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparring.loadtest.LoadTestException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Placing calls against a fake control plane that checks what Twilio (or an API user) sends. */
class CallPlacerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "auth-token-123";

    private final HttpServer controlPlane = startServer();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CallPlacer placer = new CallPlacer(http);
    private final AtomicReference<String> verdict = new AtomicReference<>("no request");

    private static HttpServer startServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        controlPlane.stop(0);
        http.close();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + controlPlane.getAddress().getPort());
    }

    @Test
    void theVoiceWebhookIsSignedLikeTwilioAndTheTwimlIsRead() throws Exception {
        controlPlane.createContext("/twilio/voice", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String url = base() + exchange.getRequestURI().toString();
            String expected = TwilioSignature.compute(TOKEN, url, form);
            verdict.set(expected.equals(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"))
                    ? "signed " + exchange.getRequestURI().getQuery() + " " + form.get("CallSid") + " " + form.get("Direction")
                    : "bad signature");
            reply(exchange, 200, "text/xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Response><Connect><Stream url="wss://media.example.com/twilio/stream">\
                    <Parameter name="token" value="v1.payload.signature"/></Stream></Connect></Response>""");
        });
        StreamIds ids = StreamIds.generate(EmulatorConfig.DEFAULT_ACCOUNT_SID);
        URI url = base().resolve("/twilio/voice?script=refinance-happy-path");

        StreamTarget target = placer.viaWebhook(url, url.toString(),
                CallPlacer.voiceWebhookParameters(ids, "+15005550006", "+15005550001"), Optional.of(TOKEN)).join();

        assertThat(verdict.get()).isEqualTo("signed script=refinance-happy-path " + ids.callSid() + " inbound");
        assertThat(target.streamUrl()).isEqualTo(URI.create("wss://media.example.com/twilio/stream"));
        assertThat(target.customParameters()).containsExactly(Map.entry("token", "v1.payload.signature"));
    }

    @Test
    void theRestApiIsCalledWithTheApiKey() {
        controlPlane.createContext("/api/calls", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            verdict.set(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            reply(exchange, 201, "application/json", """
                    {"id": "6f1c", "connect": {"stream_url": "ws://127.0.0.1:8081/twilio/stream", "token": "v1.a.b"}}""");
        });

        StreamTarget target = placer.viaApi(base(), "key-1", "saas-discovery-call", Optional.of("saas-discovery-pilot")).join();

        assertThat(verdict.get()).isEqualTo(
                "Bearer key-1 {\"scenario_id\":\"saas-discovery-call\",\"channel\":\"twilio\",\"script\":\"saas-discovery-pilot\"}");
        assertThat(target).isEqualTo(new StreamTarget(URI.create("ws://127.0.0.1:8081/twilio/stream"),
                Map.of("token", "v1.a.b"), Optional.of("6f1c")));
    }

    @Test
    void refusalsAndBadAnswersAreReported() {
        controlPlane.createContext("/twilio/voice", exchange -> reply(exchange, 403, "text/plain", "bad signature"));
        assertThatThrownBy(() -> placer.viaWebhook(base().resolve("/twilio/voice"), "x", Map.of(), Optional.empty()).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(LoadTestException.class).hasMessageContaining("403");

        assertThatThrownBy(() -> CallPlacer.parseTwiml("<Response><Say>Hello</Say></Response>"))
                .isInstanceOf(LoadTestException.class).hasMessageContaining("no <Connect><Stream url>");
        assertThatThrownBy(() -> CallPlacer.parseTwiml("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Response>&e;</Response>"))
                .isInstanceOf(LoadTestException.class);
        assertThatThrownBy(() -> CallPlacer.parseApiAnswer("{\"id\": \"1\"}"))
                .isInstanceOf(LoadTestException.class).hasMessageContaining("connect.stream_url");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
