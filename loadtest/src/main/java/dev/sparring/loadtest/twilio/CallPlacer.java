package dev.sparring.loadtest.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.loadtest.LoadTestException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Places calls with the control plane the two ways a call starts: as Twilio would, by POSTing the
 * voice webhook (signed) and reading the TwiML answer; or as an API user, with {@code POST
 * /api/calls}. Either yields the {@link StreamTarget} to open.
 *
 * <p>Thread-safe; requests are asynchronous on the given {@link HttpClient}.
 */
public final class CallPlacer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;

    public CallPlacer(HttpClient http) {
        this.http = http;
    }

    /**
     * The form parameters Twilio POSTs to a voice webhook for an inbound call
     * (https://www.twilio.com/docs/voice/twiml#request-parameters).
     */
    public static Map<String, String> voiceWebhookParameters(StreamIds ids, String from, String to) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ids.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", ids.callSid());
        form.put("CallStatus", "ringing");
        form.put("Called", to);
        form.put("Caller", from);
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", to);
        return form;
    }

    /**
     * POSTs the voice webhook and parses the TwiML.
     *
     * @param requestUrl where to send the request
     * @param signedUrl the public URL Twilio would sign (differs from {@code requestUrl} behind a proxy)
     * @param form the POST parameters
     * @param authToken signs the request when present
     */
    public CompletableFuture<StreamTarget> viaWebhook(URI requestUrl, String signedUrl, Map<String, String> form,
                                                      Optional<String> authToken) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(requestUrl)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authToken.ifPresent(token -> request.header("X-Twilio-Signature", TwilioSignature.compute(token, signedUrl, form)));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new LoadTestException("voice webhook " + requestUrl + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return parseTwiml(response.body());
        });
    }

    /**
     * {@code POST /api/calls} with {@code Authorization: Bearer <apiKey>}.
     *
     * @param controlPlane the control plane's base URL
     * @param script the call-script name, if any
     */
    public CompletableFuture<StreamTarget> viaApi(URI controlPlane, String apiKey, String scenarioId, Optional<String> script) {
        ObjectNode body = JSON.createObjectNode().put("scenario_id", scenarioId).put("channel", "twilio");
        script.ifPresent(name -> body.put("script", name));
        HttpRequest request = HttpRequest.newBuilder(controlPlane.resolve("/api/calls"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 201) {
                throw new LoadTestException("POST /api/calls answered " + response.statusCode() + ": " + response.body());
            }
            return parseApiAnswer(response.body());
        });
    }

    /** Reads {@code {"id": …, "connect": {"stream_url": …, "token": …}}}. */
    static StreamTarget parseApiAnswer(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode connect = json.path("connect");
            String url = connect.path("stream_url").asText("");
            String token = connect.path("token").asText("");
            if (url.isEmpty() || token.isEmpty()) {
                throw new LoadTestException("POST /api/calls answer lacks connect.stream_url or connect.token: " + body);
            }
            Optional<String> id = json.hasNonNull("id") ? Optional.of(json.get("id").asText()) : Optional.empty();
            return new StreamTarget(URI.create(url), Map.of("token", token), id);
        } catch (IOException | IllegalArgumentException e) {
            throw new LoadTestException("cannot read POST /api/calls answer: " + body, e);
        }
    }

    /** Reads {@code <Response><Connect><Stream url="…"><Parameter name value/>…}. */
    static StreamTarget parseTwiml(String twiml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(new InputSource(new StringReader(twiml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new LoadTestException("voice webhook answer is not TwiML: " + twiml, e);
        }
        Element response = document.getDocumentElement();
        if (!"Response".equals(response.getTagName())) {
            throw new LoadTestException("TwiML root is not <Response>: " + twiml);
        }
        Element stream = null;
        NodeList connects = response.getElementsByTagName("Connect");
        if (connects.getLength() > 0) {
            NodeList streams = ((Element) connects.item(0)).getElementsByTagName("Stream");
            stream = streams.getLength() > 0 ? (Element) streams.item(0) : null;
        }
        if (stream == null || stream.getAttribute("url").isEmpty()) {
            throw new LoadTestException("TwiML has no <Connect><Stream url>: " + twiml);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        NodeList params = stream.getElementsByTagName("Parameter");
        for (int i = 0; i < params.getLength(); i++) {
            Element parameter = (Element) params.item(i);
            parameters.put(parameter.getAttribute("name"), parameter.getAttribute("value"));
        }
        try {
            return new StreamTarget(URI.create(stream.getAttribute("url")), parameters, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new LoadTestException("bad <Stream url>: " + stream.getAttribute("url"), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
