package dev.sparring.media.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.loadtest.audio.SpeechSynthesizer;
import dev.sparring.media.config.MediaServerConfig;
import dev.sparring.media.controlplane.FakeControlPlane;
import dev.sparring.media.controlplane.SharedSecrets;
import dev.sparring.media.controlplane.TestTokens;
import dev.sparring.media.server.MediaServer;
import dev.sparring.media.webrtc.rtp.RtpPacketizer;
import dev.sparring.media.webrtc.stun.StunClass;
import dev.sparring.media.webrtc.stun.StunErrorCode;
import dev.sparring.media.webrtc.stun.StunMessage;
import io.micrometer.core.instrument.Counter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebRTC transport over real sockets: an in-process media server against a fake control
 * plane, and {@link WebRtcTestPeer} (our own stages plus a BouncyCastle DTLS client) as the
 * browser. Covers a whole call, bad input on the shared UDP port (each dropped, counted under its
 * reason, and the call unharmed), the HTTP signalling's refusals and CORS, consent expiry and the
 * connect timeout.
 */
class WebRtcTransportTest {
    private static final String SERVICE_KEY = "svc-key";
    private static final String ORIGIN = "https://practice.example";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Decoded speech is far above this RMS (sample units); silence and comfort noise are below it. */
    private static final double SPEECH_RMS = 300;
    private static short[] greeting;
    private static short[] repSpeech;

    @TempDir Path data;
    private FakeControlPlane cp;
    private MediaServer server;
    private final List<GreetingPipeline> pipelines = new CopyOnWriteArrayList<>();
    private final List<WebRtcTestPeer> peers = new CopyOnWriteArrayList<>();
    private final List<DatagramSocket> strangers = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void synthesise() {
        try (SpeechSynthesizer tts = new SpeechSynthesizer()) {
            greeting = tts.synthesize("Dana speaking. Who is this, and what is this about?").samples();
            repSpeech = tts.synthesize("Hi Dana, this is Sam from Harbor Lending, calling about your refinance.").samples();
        }
    }

    @BeforeEach
    void startControlPlane() throws Exception {
        cp = new FakeControlPlane(SERVICE_KEY);
    }

    @AfterEach
    void tearDown() {
        peers.forEach(WebRtcTestPeer::close);
        strangers.forEach(DatagramSocket::close);
        if (server != null) {
            server.close();
        }
        cp.close();
    }

    private void startServer(Duration connectTimeout, Duration consentTimeout) {
        Map<String, String> env = new HashMap<>();
        env.put("SPARRING_MS_HTTP_PORT", "0");
        env.put("SPARRING_MS_BIND_ADDRESS", "127.0.0.1");
        env.put("SPARRING_MS_PUBLIC_URL", "ws://127.0.0.1:1");
        env.put("SPARRING_MS_CONTROL_PLANE_URL", cp.url().toString());
        env.put("SPARRING_MS_DATA_DIR", data.toString());
        env.put("SPARRING_MS_OUTBOX_DIR", data.resolve("outbox").toString());
        env.put("SPARRING_MS_EVENT_BATCH_INTERVAL", "50ms");
        env.put("SPARRING_MS_WEBRTC_UDP_PORT", "0");
        env.put("SPARRING_MS_WEBRTC_ALLOWED_ORIGINS", ORIGIN);
        env.put("SPARRING_MS_WEBRTC_CONNECT_TIMEOUT", connectTimeout.toMillis() + "ms");
        env.put("SPARRING_MS_WEBRTC_CONSENT_TIMEOUT", consentTimeout.toMillis() + "ms");
        MediaServerConfig config = MediaServerConfig.load(env, new Properties());
        byte[] greetingBytes = GreetingPipeline.littleEndian(greeting);
        server = MediaServer.start(config, new SharedSecrets(SERVICE_KEY, TestTokens.KEY), registry -> ctx -> {
            GreetingPipeline p = new GreetingPipeline(ctx, greetingBytes);
            pipelines.add(p);
            return p;
        }, Clock.systemUTC());
    }

    private void startServer() {
        startServer(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private WebRtcTestPeer peer() throws Exception {
        WebRtcTestPeer peer = new WebRtcTestPeer(base());
        peers.add(peer);
        return peer;
    }

    private DatagramSocket stranger() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout((int) WAIT.toMillis());
        strangers.add(socket);
        return socket;
    }

    /** A fresh call the fake control plane knows, and its one-time webrtc session token. */
    private String newCall() {
        String callId = "call-" + calls.incrementAndGet();
        cp.sessions.put(callId, FakeControlPlane.session(callId, "org-1"));
        return TestTokens.mint(TestTokens.KEY, callId, "org-1", "webrtc", Instant.now().plusSeconds(300), "jti-" + callId);
    }

    private double dropped(String reason) {
        Counter c = server.registry().find("sparring.webrtc.dropped.packets").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private double handshakes(String outcome) {
        Counter c = server.registry().find("sparring.webrtc.handshakes").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    /** Waits until the {@code reason} counter moved by exactly {@code by} from {@code before}. */
    private void awaitDropped(String reason, double before, int by) {
        await().atMost(WAIT).until(() -> dropped(reason) >= before + by);
        assertThat(dropped(reason)).as("dropped{reason=%s}", reason).isEqualTo(before + by);
    }

    /** A connected call: greeting heard, rep speech flowing, consent checks running. */
    private WebRtcTestPeer connectedCall() throws Exception {
        startServer();
        WebRtcTestPeer peer = peer();
        peer.connect(newCall());
        peer.startConsent(Duration.ofMillis(500));
        peer.startMedia(repSpeech);
        await().atMost(WAIT).until(() -> peer.received().size() >= 10 && !pipelines.isEmpty()
                && pipelines.get(0).loudFrames(SPEECH_RMS) >= 5);
        return peer;
    }

    /** The call survived: still live, audio still arrives both ways. */
    private void assertUnharmed(WebRtcTestPeer peer) {
        GreetingPipeline pipeline = pipelines.get(0);
        int heardByPeer = peer.received().size();
        int heardByServer = pipeline.inboundRms.size();
        // The greeting may be over by now: the prospect speaks again, so outbound audio must flow.
        pipeline.speakAgain();
        await().atMost(WAIT).until(() -> peer.received().size() >= heardByPeer + 10
                && pipeline.inboundRms.size() >= heardByServer + 10);
        assertThat(server.calls().size()).isEqualTo(1);
        assertThat(cp.completedCallIds).isEmpty();
        assertThat(pipeline.stops).isEmpty();
        assertThat(peer.undecryptable()).isZero();
    }

    private static byte[] random(int length, int firstByte) {
        byte[] bytes = new byte[length];
        new Random(length * 31L + firstByte).nextBytes(bytes);
        bytes[0] = (byte) firstByte;
        return bytes;
    }

    private static StunMessage receiveStun(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return StunMessage.parse(packet.getData(), 0, packet.getLength());
    }

    /** The server's response to the request {@code request} (consent responses may arrive in between). */
    private static StunMessage responseTo(WebRtcTestPeer peer, byte[] request) throws Exception {
        byte[] id = StunMessage.parse(request, 0, request.length).transactionId();
        while (true) {
            StunMessage response = peer.awaitStun();
            if (Arrays.equals(response.transactionId(), id)) {
                return response;
            }
        }
    }

    // ---- a whole call ----

    @Test
    void aCallCarriesTheGreetingAndTheRepsSpeechUntilTheBrowserHangsUp() throws Exception {
        startServer();
        WebRtcTestPeer peer = peer();
        String token = newCall();
        WebRtcTestPeer.Answer answer = peer.offer(token);
        assertThat(answer.sdp()).contains("a=ice-lite", "a=setup:passive", "a=rtcp-mux", "opus/48000/2");
        assertThat(answer.candidate().getPort()).isEqualTo(server.webrtcPort().orElseThrow());
        assertThat(answer.location()).startsWith(SignallingHandler.CALLS_PATH);

        StunMessage check = peer.checkConnectivity();
        assertThat(check.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(check.xorMappedAddress()).contains(peer.localAddress());
        assertThat(check.verifyMessageIntegrity(answer.password().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isTrue();
        peer.handshake();
        peer.startConsent(Duration.ofMillis(500));
        // The server counts its handshake when its own side finishes, which may be a moment after ours.
        await().atMost(WAIT).until(() -> handshakes("ok") == 1);

        // The prospect's greeting arrives as Opus: marker first, then +960 per 20 ms packet. A server
        // tick that comes a whole slot late skips the slot on the RTP clock and marks the next packet
        // (OutboundPlayout keeps the clock), so a gap is allowed only together with a marker.
        int greetingPackets = Math.min(50, greeting.length / 320 - 1);
        await().atMost(WAIT).until(() -> peer.received().size() >= greetingPackets);
        List<WebRtcTestPeer.Received> spurt = List.copyOf(peer.received().subList(0, greetingPackets));
        assertThat(spurt.get(0).marker()).isTrue();
        assertThat(spurt.get(0).payloadType()).isEqualTo(WebRtcTestPeer.OPUS_PT);
        for (int i = 1; i < spurt.size(); i++) {
            WebRtcTestPeer.Received previous = spurt.get(i - 1);
            WebRtcTestPeer.Received packet = spurt.get(i);
            long step = (packet.timestamp() - previous.timestamp()) & 0xFFFFFFFFL;
            assertThat(packet.payloadType()).isEqualTo(WebRtcTestPeer.OPUS_PT);
            assertThat(packet.ssrc()).isEqualTo(previous.ssrc());
            assertThat(packet.sequence()).as("sequence of packet %d", i).isEqualTo((previous.sequence() + 1) & 0xFFFF);
            assertThat(step % RtpPacketizer.TIMESTAMP_PER_FRAME).as("timestamp step of packet %d", i).isZero();
            assertThat(packet.marker()).as("marker of packet %d (timestamp step %d)", i, step)
                    .isEqualTo(step != RtpPacketizer.TIMESTAMP_PER_FRAME);
        }
        assertThat(spurt.stream().filter(WebRtcTestPeer.Received::marker).count())
                .as("talk spurts in the greeting's first second").isLessThan(greetingPackets / 2);
        assertThat(spurt.stream().mapToDouble(WebRtcTestPeer.Received::rms).max().orElseThrow())
                .as("decoded greeting level").isGreaterThan(SPEECH_RMS * 3);

        // The rep speaks: the server decodes it into loud frames, and the call stays live.
        peer.startMedia(repSpeech);
        GreetingPipeline pipeline = pipelines.get(0);
        await().atMost(WAIT).until(() -> pipeline.loudFrames(SPEECH_RMS) >= 50);
        assertThat(pipeline.inboundRms.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isGreaterThan(SPEECH_RMS * 3);
        await().atMost(WAIT).until(() -> pipeline.marks.contains("greeting"));
        assertThat(server.calls().size()).isEqualTo(1);
        assertThat(cp.completedCallIds).isEmpty();
        assertThat(peer.undecryptable()).isZero();

        // The browser hangs up with DELETE on the Location.
        assertThat(peer.delete(answer.location()).statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> cp.completedCallIds.contains("call-1"));
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("hangup");
        assertThat(pipeline.stops).containsExactly("hangup");
        await().atMost(WAIT).until(() -> server.calls().size() == 0);
        // The resource is gone with the call.
        assertThat(peer.delete(answer.location()).statusCode()).isEqualTo(404);
    }

    @Test
    void dtlsCloseNotifyEndsTheCallAsAHangUp() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        peer.stopMedia();
        peer.closeDtls();
        await().atMost(WAIT).until(() -> cp.completedCallIds.contains("call-1"));
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("hangup");
    }

    // ---- bad input on the UDP port: dropped, counted, the call unharmed ----

    @Test
    void garbageDatagramsAreDroppedAndCounted() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        double garbage = dropped("garbage");
        double malformedStun = dropped("stun-malformed");
        double empty = dropped("empty");

        // First bytes outside RFC 7983's STUN 0..3, DTLS 20..63 and RTP 128..191.
        for (int first : new int[] {4, 19, 64, 127, 192, 255}) {
            peer.send(random(100, first));
        }
        // STUN's first byte, but not STUN.
        peer.send(random(60, 0));
        peer.send(random(7, 1));
        peer.send(new byte[0]);

        awaitDropped("garbage", garbage, 6);
        awaitDropped("stun-malformed", malformedStun, 2);
        awaitDropped("empty", empty, 1);
        assertUnharmed(peer);

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("sparring_webrtc_dropped_packets_total{reason=\"garbage\"} " + (garbage + 6));
    }

    @Test
    void stunWithAWrongPasswordFromThePeersAddressIsRefusedWith401() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        double before = dropped("stun-bad-integrity");

        byte[] request = peer.bindingRequest(peer.answer().ufrag(), "not-the-server-password-at-all", true);
        peer.send(request);

        StunMessage response = responseTo(peer, request);
        assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(response.errorCode().orElseThrow().code()).isEqualTo(StunErrorCode.UNAUTHORIZED);
        awaitDropped("stun-bad-integrity", before, 1);
        assertUnharmed(peer);
    }

    @Test
    void stunWithAWrongPasswordFromANewAddressDoesNotValidateIt() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        DatagramSocket stranger = stranger();
        double badIntegrity = dropped("stun-bad-integrity");
        double unknownAddress = dropped("dtls-unknown-address");

        // The right USERNAME (it routes to the peer), the wrong password.
        byte[] request = peer.bindingRequest(peer.answer().ufrag(), "guessed-password-guessed-password", true);
        stranger.send(new DatagramPacket(request, request.length, peer.answer().candidate()));

        StunMessage response = receiveStun(stranger);
        assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(response.errorCode().orElseThrow().code()).isEqualTo(StunErrorCode.UNAUTHORIZED);
        awaitDropped("stun-bad-integrity", badIntegrity, 1);

        // The address did not pass a check, so it still may not speak DTLS.
        byte[] dtls = random(80, 22);
        stranger.send(new DatagramPacket(dtls, dtls.length, peer.answer().candidate()));
        awaitDropped("dtls-unknown-address", unknownAddress, 1);
        assertUnharmed(peer);
    }

    @Test
    void stunWithAnUnknownUfragIsDroppedUnanswered() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        DatagramSocket stranger = stranger();
        double before = dropped("stun-unknown-ufrag");

        byte[] request = peer.bindingRequest("nosuchufrag", peer.answer().password(), true);
        stranger.send(new DatagramPacket(request, request.length, peer.answer().candidate()));

        awaitDropped("stun-unknown-ufrag", before, 1);
        assertUnharmed(peer);
    }

    @Test
    void dtlsFromAnAddressThatNeverPassedACheckIsDropped() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        DatagramSocket stranger = stranger();
        double dtls = dropped("dtls-unknown-address");
        double rtp = dropped("rtp-unknown-address");

        // A DTLS handshake record (content type 22, DTLS 1.2) and an SRTP packet of the real stream.
        byte[] record = random(120, 22);
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        stranger.send(new DatagramPacket(record, record.length, peer.answer().candidate()));
        byte[] srtp = peer.lastProtectedRtp();
        stranger.send(new DatagramPacket(srtp, srtp.length, peer.answer().candidate()));

        awaitDropped("dtls-unknown-address", dtls, 1);
        awaitDropped("rtp-unknown-address", rtp, 1);
        assertUnharmed(peer);
    }

    @Test
    void srtpWithACorruptedAuthenticationTagIsDropped() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        double before = dropped("srtp-auth-failed");

        for (int i = 0; i < 3; i++) {
            byte[] forged = peer.nextProtectedRtp(new short[320]);
            forged[forged.length - 1] ^= 0x5A;
            peer.send(forged);
        }

        awaitDropped("srtp-auth-failed", before, 3);
        assertUnharmed(peer);
    }

    @Test
    void truncatedRtpIsDropped() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        double before = dropped("srtp-truncated");

        peer.send(new byte[] {(byte) 0x80, WebRtcTestPeer.OPUS_PT, 0x12, 0x34});
        peer.send(Arrays.copyOf(peer.lastProtectedRtp(), 15));

        awaitDropped("srtp-truncated", before, 2);
        assertUnharmed(peer);
    }

    @Test
    void aReplayedSrtpPacketIsDropped() throws Exception {
        WebRtcTestPeer peer = connectedCall();
        double before = dropped("srtp-replayed");

        byte[] replay = peer.lastProtectedRtp();
        peer.send(replay);
        peer.send(replay);

        awaitDropped("srtp-replayed", before, 2);
        assertUnharmed(peer);
    }

    // ---- signalling ----

    @Test
    void signallingRefusesWhatItMust() throws Exception {
        startServer();
        WebRtcTestPeer peer = peer();
        String offer = peer.offerSdp();

        HttpResponse<String> noToken = peer.post(offer, Optional.empty(), "application/sdp", Optional.empty());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        HttpResponse<String> wrongType = peer.post(offer, Optional.of(newCall()), "text/plain", Optional.empty());
        assertThat(wrongType.statusCode()).isEqualTo(415);

        HttpResponse<String> foreign = peer.post(offer, Optional.of(newCall()), "application/sdp",
                Optional.of("https://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // A bad offer is refused before the token is checked, so the token is not used up...
        String token = newCall();
        HttpResponse<String> badSdp = peer.post("v=0\r\nm=video 9 RTP/AVP 96\r\n", Optional.of(token),
                "application/sdp", Optional.empty());
        assertThat(badSdp.statusCode()).isEqualTo(400);
        assertThat(badSdp.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        // ...and the same token then succeeds, from the allowed origin, with CORS headers...
        HttpResponse<String> accepted = peer.post(offer, Optional.of(token), "application/sdp", Optional.of(ORIGIN));
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(accepted.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(accepted.headers().firstValue("Access-Control-Expose-Headers")).contains("Location");
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/webrtc/calls/"));
        // ...once: a used token is refused.
        HttpResponse<String> reused = peer.post(offer, Optional.of(token), "application/sdp", Optional.empty());
        assertThat(reused.statusCode()).isEqualTo(401);

        assertThat(peer.delete("/webrtc/calls/no-such-resource").statusCode()).isEqualTo(404);
        assertThat(server.calls().size()).isEqualTo(1);
    }

    @Test
    void corsPreflightFromTheAllowedOriginIsAnswered() throws Exception {
        startServer();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(base().resolve(SignallingHandler.OFFER_PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m ->
                assertThat(m).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h ->
                assertThat(h.toLowerCase(java.util.Locale.ROOT)).contains("authorization", "content-type"));

        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(base().resolve(SignallingHandler.OFFER_PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    // ---- timeouts ----

    @Test
    void aBrowserThatStopsItsConsentChecksIsHungUp() throws Exception {
        Duration consent = Duration.ofSeconds(2);
        startServer(Duration.ofSeconds(15), consent);
        WebRtcTestPeer peer = peer();
        peer.offer(newCall());
        long lastCheck = System.nanoTime();
        assertThat(peer.checkConnectivity().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        peer.handshake();
        peer.startMedia(repSpeech);

        // Media keeps flowing, but no further STUN check comes.
        await().atMost(WAIT).until(() -> cp.completedCallIds.contains("call-1"));
        assertThat(Duration.ofNanos(System.nanoTime() - lastCheck)).isGreaterThanOrEqualTo(consent);
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("hangup");
        assertThat(handshakes("ok")).isEqualTo(1);
        await().atMost(WAIT).until(() -> server.calls().size() == 0);
    }

    @Test
    void anOfferWithoutIceOrDtlsEndsWithAnErrorAfterTheConnectTimeout() throws Exception {
        startServer(Duration.ofSeconds(1), Duration.ofSeconds(30));
        WebRtcTestPeer peer = peer();
        peer.offer(newCall());
        assertThat(server.calls().size()).isEqualTo(1);

        await().atMost(WAIT).until(() -> cp.completedCallIds.contains("call-1"));
        assertThat(cp.completions.get(0).path("reason").asText()).isEqualTo("error");
        assertThat(handshakes("connect-timeout")).isEqualTo(1);
        await().atMost(WAIT).until(() -> server.calls().size() == 0);
        assertThat(pipelines).isEmpty();

        // The peer is forgotten: a late check no longer finds its ufrag.
        double unknown = dropped("stun-unknown-ufrag");
        peer.send(peer.bindingRequest(peer.answer().ufrag(), peer.answer().password(), true));
        awaitDropped("stun-unknown-ufrag", unknown, 1);
    }
}
