package dev.sparring.media.webrtc;

import dev.sparring.codecs.opus.OpusDecoder;
import dev.sparring.codecs.opus.OpusEncoder;
import dev.sparring.codecs.pcm.Levels;
import dev.sparring.media.webrtc.dtls.DtlsCertificate;
import dev.sparring.media.webrtc.dtls.TestDtlsClient;
import dev.sparring.media.webrtc.ice.IceCredentials;
import dev.sparring.media.webrtc.rtp.RtpPacket;
import dev.sparring.media.webrtc.rtp.RtpPacketizer;
import dev.sparring.media.webrtc.srtp.SrtpContext;
import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import dev.sparring.media.webrtc.srtp.SrtpProfile;
import dev.sparring.media.webrtc.srtp.SrtpResult;
import dev.sparring.media.webrtc.stun.StunClass;
import dev.sparring.media.webrtc.stun.StunMessage;
import dev.sparring.media.webrtc.stun.StunMessageBuilder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser made of our own stages: its own certificate and ICE credentials, an SDP offer posted
 * to {@code /webrtc/offer}, STUN checks built with {@link StunMessageBuilder}, a BouncyCastle DTLS
 * client ({@link TestDtlsClient}), and SRTP-protected Opus both ways.
 *
 * <p>Owns one UDP socket (the browser's host candidate), a receiver thread that demultiplexes it
 * (STUN and DTLS into queues, SRTP decrypted and Opus-decoded into {@link #received()}), and a
 * scheduler that sends media every 20 ms and consent checks. The test thread calls the rest. The
 * outbound SRTP context and packetizer are shared by the media task and the test thread's crafted
 * packets, so they are used under this object's lock; the inbound context and decoder belong to the
 * receiver thread alone.
 */
final class WebRtcTestPeer implements AutoCloseable {
    static final int OPUS_PT = 111;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CANDIDATE = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host");

    /** One RTP packet from the server, after SRTP, with the level of its decoded Opus frame. */
    record Received(int sequence, long timestamp, boolean marker, int payloadType, long ssrc, double rms) {}

    /** What the server answered: its ICE credentials and host candidate, and the resource to DELETE. */
    record Answer(String sdp, String location, String ufrag, String password, InetSocketAddress candidate) {}

    private final URI server;
    private final HttpClient http;
    private final DatagramSocket socket;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final IceCredentials credentials = IceCredentials.random();
    private final BlockingQueue<byte[]> stunIn = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> dtlsIn = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger rtcpReceived = new AtomicInteger();
    /** Media that came before the SRTP keys were known; receiver thread only. */
    private final List<byte[]> early = new java.util.ArrayList<>();
    private final AtomicInteger undecryptable = new AtomicInteger();
    private final AtomicLong mediaSent = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-peer-send");
        t.setDaemon(true);
        return t;
    });
    private final Thread receiver;
    private final OpusDecoder decoder = new OpusDecoder();
    private final OpusEncoder encoder = new OpusEncoder();
    private final RtpPacketizer packetizer = new RtpPacketizer(OPUS_PT, RANDOM.nextInt() & 0xFFFFFFFFL,
            RANDOM.nextInt(1 << 16), RANDOM.nextInt() & 0xFFFFFFFFL);

    private Optional<Answer> answer = Optional.empty();
    private volatile SrtpContext inbound;
    private SrtpContext outbound;
    private byte[] lastProtected;
    private DTLSTransport dtls;
    private ScheduledFuture<?> media;
    private ScheduledFuture<?> consent;
    private volatile boolean closed;

    WebRtcTestPeer(URI server) throws SocketException {
        this.server = server;
        this.http = HttpClient.newHttpClient();
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.receiver = new Thread(this::receive, "test-peer-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    // ---- signalling ----

    /** An audio offer shaped like Chromium's: Opus 111, rtcp-mux, actpass, our fingerprint and ICE credentials. */
    String offerSdp() {
        long session = RANDOM.nextLong() & Long.MAX_VALUE;
        return String.join("\r\n",
                "v=0",
                "o=- " + session + " 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "a=msid-semantic: WMS stream",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + credentials.ufrag(),
                "a=ice-pwd:" + credentials.password(),
                "a=ice-options:trickle",
                "a=fingerprint:" + certificate.fingerprint().sdpValue(),
                "a=setup:actpass",
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=ssrc:" + packetizer.ssrc() + " cname:java-test-peer",
                "") + "\r\n";
    }

    /** Posts {@code sdp} as an offer; nothing is remembered (for the signalling tests). */
    HttpResponse<String> post(String sdp, Optional<String> token, String contentType, Optional<String> origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(SignallingHandler.OFFER_PATH))
                .timeout(WAIT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(sdp));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        origin.ifPresent(o -> request.header("Origin", o));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts this peer's offer with {@code token} and keeps the answer. */
    Answer offer(String token) throws IOException, InterruptedException {
        HttpResponse<String> response = post(offerSdp(), Optional.of(token), "application/sdp", Optional.empty());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("offer refused: " + response.statusCode() + " " + response.body());
        }
        String sdp = response.body();
        Matcher candidate = CANDIDATE.matcher(sdp);
        if (!candidate.find()) {
            throw new IllegalStateException("no host candidate in the answer:\n" + sdp);
        }
        Answer a = new Answer(sdp, response.headers().firstValue("Location").orElseThrow(),
                attribute(sdp, "ice-ufrag"), attribute(sdp, "ice-pwd"),
                new InetSocketAddress(candidate.group(1), Integer.parseInt(candidate.group(2))));
        answer = Optional.of(a);
        return a;
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.resolve(path)).timeout(WAIT).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Answer answer() {
        return answer.orElseThrow(() -> new IllegalStateException("no answer yet"));
    }

    private static String attribute(String sdp, String name) {
        Matcher m = Pattern.compile("a=" + name + ":(\\S+)").matcher(sdp);
        if (!m.find()) {
            throw new IllegalStateException("no a=" + name + " in the answer:\n" + sdp);
        }
        return m.group(1);
    }

    // ---- ICE ----

    /** A Binding request as Chromium sends it when controlling: USERNAME server:client, integrity with {@code password}. */
    byte[] bindingRequest(String serverUfrag, String password, boolean nominate) {
        StunMessageBuilder b = new StunMessageBuilder(StunClass.REQUEST, StunMessage.BINDING,
                StunMessageBuilder.randomTransactionId())
                .username(serverUfrag + ":" + credentials.ufrag())
                .priority(0x6E7F1EFFL)
                .iceControlling(RANDOM.nextLong());
        if (nominate) {
            b.useCandidate();
        }
        return b.messageIntegrity(password).fingerprint().build();
    }

    /** Sends a nominating check with the right credentials and waits for its success response. */
    StunMessage checkConnectivity() throws IOException, InterruptedException {
        Answer a = answer();
        stunIn.clear();
        send(bindingRequest(a.ufrag(), a.password(), true));
        return awaitStun();
    }

    /** The next STUN message the server sent this peer (a response to one of its checks). */
    StunMessage awaitStun() throws InterruptedException {
        byte[] data = stunIn.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (data == null) {
            throw new IllegalStateException("no STUN response within " + WAIT);
        }
        return StunMessage.parse(data, 0, data.length);
    }

    /** Consent freshness: a check (not nominating) every {@code every}; stopped by {@link #stopConsent}. */
    synchronized void startConsent(Duration every) {
        Answer a = answer();
        consent = scheduler.scheduleAtFixedRate(() -> send(bindingRequest(a.ufrag(), a.password(), false)),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stopConsent() {
        if (consent != null) {
            consent.cancel(false);
        }
    }

    // ---- DTLS ----

    /** Runs the DTLS client handshake with the answer's candidate and derives the SRTP contexts. */
    void handshake() throws IOException {
        TestDtlsClient client = new TestDtlsClient(new BcTlsCrypto(), certificate,
                Optional.of(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}), true);
        DTLSTransport transport = new DTLSClientProtocol().connect(client, new SocketTransport());
        SrtpProfile profile = SrtpProfile.byId(client.chosenSrtpProfile()).orElseThrow();
        SrtpKeyMaterial keys = SrtpKeyMaterial.fromExporter(profile, client.exportedKeyingMaterial().orElseThrow());
        synchronized (this) {
            dtls = transport;
            outbound = SrtpContext.of(profile, keys.clientKey(), keys.clientSalt());
        }
        inbound = SrtpContext.of(profile, keys.serverKey(), keys.serverSalt());
    }

    /** Offer, ICE check, DTLS: the whole connection set-up of a browser. */
    void connect(String token) throws IOException, InterruptedException {
        offer(token);
        StunMessage response = checkConnectivity();
        if (response.messageClass() != StunClass.SUCCESS_RESPONSE) {
            throw new IllegalStateException("ICE check failed: " + response);
        }
        handshake();
    }

    /** BouncyCastle's view of our socket: sends to the server's candidate, receives what the receiver thread queued. */
    private final class SocketTransport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            try {
                byte[] data = dtlsIn.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (data == null) {
                    return -1;
                }
                int n = Math.min(len, data.length);
                System.arraycopy(data, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            WebRtcTestPeer.this.send(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void close() {
            // The socket belongs to the peer, which closes it.
        }
    }

    // ---- media ----

    /**
     * Sends {@code speech} (PCM16 16 kHz mono) as Opus/SRTP every 20 ms, looping, with silence
     * frames after each pass so the server sees talk spurts.
     */
    synchronized void startMedia(short[] speech) {
        int frames = (speech.length + OpusEncoder.FRAME_SAMPLES - 1) / OpusEncoder.FRAME_SAMPLES;
        AtomicInteger frame = new AtomicInteger();
        media = scheduler.scheduleAtFixedRate(() -> {
            int i = frame.getAndIncrement() % (frames + 25);
            short[] pcm = new short[OpusEncoder.FRAME_SAMPLES];
            int from = i * OpusEncoder.FRAME_SAMPLES;
            if (from < speech.length) {
                System.arraycopy(speech, from, pcm, 0, Math.min(pcm.length, speech.length - from));
            }
            // Sent under the lock, so a test replaying lastProtectedRtp() always replays a packet already sent.
            synchronized (this) {
                send(nextProtectedRtp(pcm));
            }
            mediaSent.incrementAndGet();
        }, 0, WebRtcPeer.TICK_MS, TimeUnit.MILLISECONDS);
    }

    synchronized void stopMedia() {
        if (media != null) {
            media.cancel(false);
        }
    }

    /** The next RTP packet of our stream, encoded and SRTP-protected (and remembered for a replay). */
    synchronized byte[] nextProtectedRtp(short[] pcm20ms) {
        byte[] opus = new byte[OpusEncoder.MAX_PACKET_BYTES];
        int len = encoder.encode(pcm20ms, opus);
        int rtpLength = packetizer.packetize(opus, 0, len);
        lastProtected = outbound.protectRtp(packetizer.buffer(), 0, rtpLength);
        return lastProtected.clone();
    }

    /** The last SRTP packet sent by the media task, byte for byte. */
    synchronized byte[] lastProtectedRtp() {
        return lastProtected.clone();
    }

    long mediaSent() {
        return mediaSent.get();
    }

    // ---- datagrams ----

    void send(byte[] datagram) {
        sendTo(datagram, answer().candidate());
    }

    void sendTo(byte[] datagram, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("cannot send to " + to, e);
            }
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    List<Received> received() {
        return received;
    }

    int rtcpReceived() {
        return rtcpReceived.get();
    }

    int undecryptable() {
        return undecryptable.get();
    }

    /** The receiver thread: demultiplex by first byte (RFC 7983), decrypt and decode what is media. */
    private void receive() {
        byte[] buffer = new byte[2048];
        short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            switch (PacketKind.of(data, 0, data.length)) {
                case STUN -> stunIn.add(data);
                case DTLS -> dtlsIn.add(data);
                case RTP -> onMedia(data, pcm);
                case UNKNOWN -> undecryptable.incrementAndGet();
            }
        }
    }

    private void onMedia(byte[] data, short[] pcm) {
        SrtpContext context = inbound;
        if (context == null) {
            // The server may send its first packet before our handshake() has returned: keep it.
            early.add(data);
            return;
        }
        while (!early.isEmpty()) {
            decrypt(context, early.remove(0), pcm);
        }
        decrypt(context, data, pcm);
    }

    private void decrypt(SrtpContext context, byte[] data, short[] pcm) {
        if (RtpPacket.isRtcp(data, 0, data.length)) {
            if (context.unprotectRtcp(data, 0, data.length) instanceof SrtpResult.Ok) {
                rtcpReceived.incrementAndGet();
            } else {
                undecryptable.incrementAndGet();
            }
            return;
        }
        if (!(context.unprotectRtp(data, 0, data.length) instanceof SrtpResult.Ok ok)
                || !(RtpPacket.parse(ok.packet(), 0, ok.packet().length) instanceof RtpPacket rtp)) {
            undecryptable.incrementAndGet();
            return;
        }
        int samples = decoder.decode(rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength(), pcm);
        received.add(new Received(rtp.sequence(), rtp.timestamp(), rtp.marker(), rtp.payloadType(), rtp.ssrc(),
                Levels.rms(pcm, 0, samples)));
    }

    /** Ends the DTLS association with close_notify, as a browser closing its peer connection does. */
    synchronized void closeDtls() {
        if (dtls != null) {
            try {
                dtls.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot send close_notify", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        try {
            receiver.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            encoder.close();
        }
        decoder.close();
    }
}
