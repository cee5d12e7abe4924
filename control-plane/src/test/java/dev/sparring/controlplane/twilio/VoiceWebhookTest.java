package dev.sparring.controlplane.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.controlplane.ControlPlaneHarness;
import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallState;
import dev.sparring.controlplane.calls.TwilioStatusRepository;
import dev.sparring.controlplane.catalog.DialledNumberRepository;
import dev.sparring.controlplane.session.SessionToken;
import dev.sparring.controlplane.session.SessionTokens;
import dev.sparring.controlplane.tenancy.NewUser;
import dev.sparring.controlplane.tenancy.Role;
import dev.sparring.controlplane.tenancy.User;
import dev.sparring.controlplane.tenancy.UserRepository;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code POST /twilio/voice} and {@code /twilio/status} with signature validation on. */
class VoiceWebhookTest {
    private static final String AUTH_TOKEN = "twilio-test-auth-token";
    private static final String PUBLIC_URL = "https://practice.example.com";
    private static ControlPlaneHarness cp;
    private static User rep;
    private static UUID org;

    @BeforeAll
    static void start() throws Exception {
        cp = ControlPlaneHarness.onSharedDatabase(Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
                Map.of("public-url", PUBLIC_URL, "media-server-public-url", "wss://media.example.com"));
        var jdbc = cp.controlPlane.database().jdbc();
        org = cp.controlPlane.bootstrap().organisation().id();
        rep = new UserRepository(jdbc, Clock.systemUTC()).create(org,
                new NewUser("pat@example.com", "Pat", Role.REP, java.util.Optional.of("+15550100"),
                        java.util.Optional.of("first-time-buyer-nervous")));
        new DialledNumberRepository(jdbc, Clock.systemUTC()).assign(org, "+15559990001", "investor-dscr-loan");
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    private static Map<String, String> params(String callSid, String from, String to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallSid", callSid);
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("From", from);
        p.put("To", to);
        p.put("CallStatus", "ringing");
        p.put("Direction", "inbound");
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String sign(String url, Map<String, String> params) throws Exception {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return TwilioSignatureTest.independentSignature(AUTH_TOKEN, url, multi);
    }

    private static HttpResponse<String> call(String pathAndQuery, Map<String, String> params, String signature) throws Exception {
        return cp.postForm(pathAndQuery, signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature), form(params));
    }

    @Test
    void answersASignedCallWithAStreamCarryingTheSessionToken() throws Exception {
        Map<String, String> p = params("CA" + UUID.randomUUID().toString().replace("-", ""), "+15550100", "+15550000");
        HttpResponse<String> r = call("/twilio/voice", p, sign(PUBLIC_URL + "/twilio/voice", p));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");

        Document twiml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        Element response = twiml.getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        assertThat(response.getChildNodes().getLength()).isEqualTo(1);
        Element connect = (Element) response.getFirstChild();
        assertThat(connect.getTagName()).isEqualTo("Connect");
        assertThat(connect.getChildNodes().getLength()).isEqualTo(1);
        Element stream = (Element) connect.getFirstChild();
        assertThat(stream.getTagName()).isEqualTo("Stream");
        assertThat(stream.getAttribute("url")).isEqualTo("wss://media.example.com/twilio/stream");
        assertThat(stream.getAttribute("statusCallback")).isEqualTo(PUBLIC_URL + "/twilio/status");
        assertThat(stream.getAttribute("statusCallbackMethod")).isEqualTo("POST");
        assertThat(stream.getChildNodes().getLength()).isEqualTo(1);
        Element parameter = (Element) stream.getFirstChild();
        assertThat(parameter.getTagName()).isEqualTo("Parameter");
        assertThat(parameter.getAttribute("name")).isEqualTo("token");

        SessionToken token = new SessionTokens(cp.controlPlane.secrets().sessionSigningKey(), Clock.systemUTC(), Duration.ofMinutes(5))
                .verify(parameter.getAttribute("value"));
        Call created = new CallRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC()).find(org, token.callId()).orElseThrow();
        assertThat(created.state()).isEqualTo(CallState.CONNECTING);
        assertThat(created.twilioCallSid()).contains(p.get("CallSid"));
        assertThat(created.userId()).contains(rep.id());                       // caller mapped to the rep
        assertThat(created.scenarioId()).isEqualTo("first-time-buyer-nervous"); // the rep's assigned scenario
        assertThat(token.channel()).isEqualTo("twilio");
    }

    @Test
    void picksTheDialledNumbersScenarioAndTreatsUnknownCallersAsGuests() throws Exception {
        Map<String, String> p = params("CA-number-" + UUID.randomUUID(), "+15557770000", "+15559990001");
        String url = PUBLIC_URL + "/twilio/voice?script=refinance-happy-path";
        HttpResponse<String> r = call("/twilio/voice?script=refinance-happy-path", p, sign(url, p));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Call call = new CallRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC())
                .findByTwilioCallSidAnyOrg(p.get("CallSid")).orElseThrow();
        assertThat(call.scenarioId()).isEqualTo("investor-dscr-loan");
        assertThat(call.userId()).isEmpty();
        assertThat(call.script()).contains("refinance-happy-path");

        // Unmapped number, unknown caller: the default scenario.
        Map<String, String> q = params("CA-default-" + UUID.randomUUID(), "+15557770001", "+15550000000");
        assertThat(call("/twilio/voice", q, sign(PUBLIC_URL + "/twilio/voice", q)).statusCode()).isEqualTo(200);
        assertThat(new CallRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC())
                .findByTwilioCallSidAnyOrg(q.get("CallSid")).orElseThrow().scenarioId()).isEqualTo("refinance-rate-shopper");
    }

    @Test
    void aRetriedWebhookReusesItsCall() throws Exception {
        Map<String, String> p = params("CA-retry-" + UUID.randomUUID(), "+15550100", "+15550000");
        String signature = sign(PUBLIC_URL + "/twilio/voice", p);
        assertThat(call("/twilio/voice", p, signature).statusCode()).isEqualTo(200);
        assertThat(call("/twilio/voice", p, signature).statusCode()).isEqualTo(200);
        long count = new CallRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC())
                .list(org, dev.sparring.controlplane.calls.CallQuery.all().withLimit(100)).calls().stream()
                .filter(c -> c.twilioCallSid().equals(java.util.Optional.of(p.get("CallSid")))).count();
        assertThat(count).isEqualTo(1);
    }

    @Test
    void refusesForgedMissingAndMisaddressedSignatures() throws Exception {
        Map<String, String> p = params("CA-forged-" + UUID.randomUUID(), "+15550100", "+15550000");
        HttpResponse<String> missing = call("/twilio/voice", p, null);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("missing X-Twilio-Signature");

        String forged = TwilioSignatureTest.independentSignature("not-the-token", PUBLIC_URL + "/twilio/voice",
                p.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        HttpResponse<String> wrong = call("/twilio/voice", p, forged);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("does not match");

        // Signed for the URL this server sees locally, not the public URL Twilio was configured with.
        HttpResponse<String> mismatch = call("/twilio/voice", p, sign(cp.url("/twilio/voice"), p));
        assertThat(mismatch.statusCode()).isEqualTo(403);
        assertThat(mismatch.body()).contains("public-url");

        // Parameters changed after signing.
        String signature = sign(PUBLIC_URL + "/twilio/voice", p);
        p.put("From", "+19999999999");
        assertThat(call("/twilio/voice", p, signature).statusCode()).isEqualTo(403);

        assertThat(new CallRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC())
                .findByTwilioCallSidAnyOrg(p.get("CallSid"))).isEmpty();
    }

    @Test
    void refusesMalformedWebhooks() throws Exception {
        Map<String, String> p = params("CA-x", "+1", "+2");
        p.remove("CallSid");
        HttpResponse<String> noSid = call("/twilio/voice", p, sign(PUBLIC_URL + "/twilio/voice", p));
        assertThat(noSid.statusCode()).isEqualTo(400);
        assertThat(noSid.body()).contains("CallSid");
        HttpResponse<String> json = cp.post("/twilio/voice", "x", "{}");
        assertThat(json.statusCode()).isEqualTo(415);
        Map<String, String> bad = params("CA-badscript-" + UUID.randomUUID(), "+1", "+2");
        assertThat(call("/twilio/voice?script=nope", bad, sign(PUBLIC_URL + "/twilio/voice?script=nope", bad)).statusCode()).isEqualTo(400);
    }

    @Test
    void recordsStreamStatusCallbacksAndFailsCallsWhoseStreamErrored() throws Exception {
        Map<String, String> p = params("CA-status-" + UUID.randomUUID(), "+15550100", "+15550000");
        assertThat(call("/twilio/voice", p, sign(PUBLIC_URL + "/twilio/voice", p)).statusCode()).isEqualTo(200);
        Map<String, String> status = new LinkedHashMap<>();
        status.put("AccountSid", p.get("AccountSid"));
        status.put("CallSid", p.get("CallSid"));
        status.put("StreamSid", "MZ0123456789");
        status.put("StreamEvent", "stream-error");
        status.put("StreamError", "31920 handshake failed");
        status.put("Timestamp", "2026-11-22T10:00:00Z");
        HttpResponse<String> r = call("/twilio/status", status, sign(PUBLIC_URL + "/twilio/status", status));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        Call call = new CallRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC())
                .findByTwilioCallSidAnyOrg(p.get("CallSid")).orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.FAILED);
        var stored = new TwilioStatusRepository(cp.controlPlane.database().jdbc(), Clock.systemUTC()).listForCall(org, call.id());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).toString()).contains("stream-error");
        assertThat(call("/twilio/status", status, "forged").statusCode()).isEqualTo(403);
    }
}
