package dev.sparring.controlplane.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the media server's WebRTC signalling endpoints as docs/contract.md pins them
 * ({@code POST /webrtc/offer}, {@code DELETE /webrtc/calls/<id>}, CORS for the control plane's
 * origin), so the page's side of the contract is tested without a media server. It either refuses
 * offers with a given problem or answers with an ICE-lite answer that has no candidates: the browser
 * accepts it and stays connecting, which is all the page needs to follow the live transcript.
 * Records every request; its handlers run on the JDK server's thread, tests read the records.
 */
final class StubOfferEndpoint implements AutoCloseable {
    private static final Pattern OPUS = Pattern.compile("a=rtpmap:(\\d+) opus/48000/2", Pattern.CASE_INSENSITIVE);
    private static final Pattern MID = Pattern.compile("a=mid:(\\S+)");

    /** One request as received. */
    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private volatile String allowedOrigin = "null";
    private volatile int refuseWith;
    private volatile String refusal = "";
    final List<Received> received = new CopyOnWriteArrayList<>();

    StubOfferEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webrtc/", this::handle);
        server.start();
    }

    /** The page's origin, answered in CORS headers (known once the control plane runs). */
    void allowOrigin(String origin) {
        allowedOrigin = origin;
    }

    /** From now on, answers every offer with {@code status} and a problem whose detail is {@code detail}. */
    void refuseWith(int status, String detail) {
        refusal = detail;
        refuseWith = status;
    }

    /** From now on, answers offers with 201 and an ICE-lite answer without candidates. */
    void answerOffers() {
        refuseWith = 0;
    }

    /** As the control plane's {@code media-server-public-url} setting. */
    String publicWsUrl() {
        return "ws://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(method, path, header(exchange, "Authorization"), header(exchange, "Content-Type"), body));
        var headers = exchange.getResponseHeaders();
        headers.add("Access-Control-Allow-Origin", allowedOrigin);
        headers.add("Vary", "Origin");
        headers.add("Access-Control-Expose-Headers", "Location");
        switch (method) {
            case "OPTIONS" -> {
                headers.add("Access-Control-Allow-Methods", "POST, DELETE");
                headers.add("Access-Control-Allow-Headers", "Authorization, Content-Type");
                headers.add("Access-Control-Max-Age", "600");
                exchange.sendResponseHeaders(204, -1);
            }
            case "POST" -> {
                if (refuseWith != 0) {
                    send(exchange, refuseWith, "application/problem+json",
                            "{\"type\":\"about:blank\",\"title\":\"Refused\",\"status\":" + refuseWith
                                    + ",\"detail\":\"" + refusal + "\"}");
                } else {
                    headers.add("Location", "/webrtc/calls/stub-call");
                    send(exchange, 201, "application/sdp", answer(body));
                }
            }
            case "DELETE" -> exchange.sendResponseHeaders(204, -1);
            default -> exchange.sendResponseHeaders(405, -1);
        }
        exchange.close();
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** An answer mirroring the offer's audio section: Opus, ICE-lite, DTLS passive, no candidates. */
    static String answer(String offer) {
        Matcher opus = OPUS.matcher(offer);
        Matcher mid = MID.matcher(offer);
        String pt = opus.find() ? opus.group(1) : "111";
        String m = mid.find() ? mid.group(1) : "0";
        StringBuilder fingerprint = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            fingerprint.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37 + 11) & 0xff));
        }
        return String.join("\r\n",
                "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE " + m, "a=ice-lite", "a=msid-semantic: WMS sparring",
                "m=audio 9 UDP/TLS/RTP/SAVPF " + pt, "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:stub", "a=ice-pwd:stubstubstubstubstubstub",
                "a=fingerprint:sha-256 " + fingerprint, "a=setup:passive", "a=mid:" + m, "a=sendrecv", "a=rtcp-mux",
                "a=msid:sparring prospect", "a=rtpmap:" + pt + " opus/48000/2", "a=fmtp:" + pt + " minptime=10;useinbandfec=1",
                "a=ssrc:4242 cname:sparring", "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
