package dev.sparring.media.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.media.webrtc.srtp.SrtpContext;
import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import dev.sparring.media.webrtc.srtp.SrtpProfile;
import dev.sparring.media.webrtc.srtp.SrtpResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real DTLS 1.2 handshakes, in process, between {@link DtlsServerSession} and a BouncyCastle
 * client over an in-memory datagram pipe (queues both ways, a thread per side).
 */
class DtlsServerSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int[] CHROME_PROFILES = {
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};

    private static DtlsCertificate serverCertificate;
    private static DtlsCertificate clientCertificate;

    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor();
    private final ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final RecordingListener listener = new RecordingListener();
    private final DtlsCounters counters = new DtlsCounters();

    @BeforeAll
    static void certificates() {
        serverCertificate = DtlsCertificate.generate();
        clientCertificate = DtlsCertificate.generate();
    }

    @AfterEach
    void stopThreads() {
        eventLoop.shutdownNow();
        clientThreads.shutdownNow();
    }

    @Test
    void handshakeGivesBothSidesTheSameSrtpKeys() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());
        TestDtlsClient client = pipe.client(Optional.of(CHROME_PROFILES), true);

        DTLSTransport clientDtls = pipe.connect(client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        SrtpKeyMaterial keys = listener.established.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(keys.profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(client.selectedProfile).isEqualTo(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(keys).isEqualTo(SrtpKeyMaterial.fromExporter(SrtpProfile.AES128_CM_HMAC_SHA1_80, client.exported));
        assertThat(Fingerprint.of("sha-256", client.serverCertificateDer)).isEqualTo(serverCertificate.fingerprint());
        assertThat(pipe.session.isEstablished()).isTrue();
        assertThat(counters.handshakesSucceeded()).isEqualTo(1);

        // The browser protects with the client keys; our inbound context must read it.
        SrtpKeyMaterial clientView = SrtpKeyMaterial.fromExporter(SrtpProfile.AES128_CM_HMAC_SHA1_80, client.exported);
        byte[] rtp = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 2, 3, 4};
        byte[] srtp = SrtpContext.of(clientView.profile(), clientView.clientKey(), clientView.clientSalt())
                .protectRtp(rtp, 0, rtp.length);
        assertThat(SrtpContext.forInbound(keys).unprotectRtp(srtp, 0, srtp.length)).isInstanceOf(SrtpResult.Ok.class);

        clientDtls.close();
        listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !pipe.session.isRunning());
        assertThat(listener.events()).containsExactly("established", "closed");
    }

    @Test
    void fingerprintMismatchFailsWithBadCertificate() throws Exception {
        Pipe pipe = new Pipe(serverCertificate.fingerprint(), DtlsSettings.defaults());
        TestDtlsClient client = pipe.client(Optional.of(CHROME_PROFILES), true);

        Throwable clientError = pipe.connectFailure(client);

        assertThat(listener.failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("fingerprint mismatch");
        assertThat(clientError).isInstanceOfSatisfying(TlsFatalAlertReceived.class,
                alert -> assertThat(alert.getAlertDescription()).isEqualTo(AlertDescription.bad_certificate));
        assertThat(counters.handshakesFailed(DtlsFailure.FINGERPRINT_MISMATCH)).isEqualTo(1);
        await().atMost(WAIT).until(() -> !pipe.session.isRunning());
        assertThat(listener.events()).containsExactly("failed: fingerprint mismatch");
    }

    @Test
    void clientWithoutUseSrtpIsRejected() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());

        pipe.connectFailure(pipe.client(Optional.empty(), true));

        assertThat(listener.failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("client did not offer use_srtp");
        assertThat(counters.handshakesFailed(DtlsFailure.NO_USE_SRTP)).isEqualTo(1);
    }

    @Test
    void clientOfferingOnlyUnsupportedProfilesIsRejected() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());

        pipe.connectFailure(pipe.client(Optional.of(new int[] {SRTPProtectionProfile.SRTP_NULL_HMAC_SHA1_80}), true));

        assertThat(listener.failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("no common SRTP protection profile");
        assertThat(counters.handshakesFailed(DtlsFailure.NO_COMMON_SRTP_PROFILE)).isEqualTo(1);
    }

    @Test
    void clientWithoutCertificateIsRejected() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());

        pipe.connectFailure(pipe.client(Optional.of(CHROME_PROFILES), false));

        assertThat(listener.failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("client sent no certificate");
        assertThat(counters.handshakesFailed(DtlsFailure.NO_CLIENT_CERTIFICATE)).isEqualTo(1);
    }

    @Test
    void garbageBeforeAndDuringTheHandshakeIsDiscarded() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());
        List<byte[]> garbage = garbageDatagrams();
        garbage.forEach(g -> pipe.session.onDatagram(g, 0, g.length));
        pipe.interleaveGarbage(garbage);

        pipe.connect(pipe.client(Optional.of(CHROME_PROFILES), true)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(listener.established.get(WAIT.toSeconds(), TimeUnit.SECONDS).profile())
                .isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(counters.handshakesFailed()).isZero();
    }

    @Test
    void closeSendsCloseNotifyAndEndsTheThread() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());
        TestDtlsClient client = pipe.client(Optional.of(CHROME_PROFILES), true);
        DTLSTransport clientDtls = pipe.connect(client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        listener.established.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<Void> clientReading = CompletableFuture.runAsync(() -> drain(clientDtls), clientThreads);

        pipe.session.close();

        listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !pipe.session.isRunning());
        await().atMost(WAIT).until(() -> client.closeNotifyReceived);
        clientReading.cancel(true);
        assertThat(listener.events()).containsExactly("established", "closed");
    }

    @Test
    void closeDuringTheHandshakeEndsTheThreadWithoutCountingAFailure() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());

        pipe.session.close();
        pipe.session.close();

        listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !pipe.session.isRunning());
        assertThat(counters.handshakesFailed()).isZero();
        assertThat(listener.events()).containsExactly("closed");
    }

    @Test
    void silentClientTimesOut() throws Exception {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults().withHandshakeTimeout(Duration.ofMillis(300)));

        assertThat(listener.failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("handshake timed out");
        assertThat(counters.handshakesFailed(DtlsFailure.TIMEOUT)).isEqualTo(1);
        await().atMost(WAIT).until(() -> !pipe.session.isRunning());
    }

    @Test
    void oversizedDatagramsAreDroppedAndCounted() {
        Pipe pipe = new Pipe(clientCertificate.fingerprint(), DtlsSettings.defaults());

        pipe.session.onDatagram(new byte[4000], 0, 4000);

        assertThat(counters.datagramsDropped()).isEqualTo(1);
        pipe.session.close();
    }

    private static void drain(DTLSTransport dtls) {
        byte[] buffer = new byte[2048];
        try {
            while (true) {
                dtls.receive(buffer, 0, buffer.length, 0);
            }
        } catch (IOException expected) {
            // The transport closes once close_notify arrives.
        }
    }

    /** Datagrams in the DTLS first-byte range that are not valid records for this association. */
    private static List<byte[]> garbageDatagrams() {
        byte[] random = new byte[200];
        new Random(3).nextBytes(random);
        random[0] = 22;
        byte[] badLength = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, (byte) 0xFF, 1, 2, 3};
        byte[] futureEpoch = {22, (byte) 0xFE, (byte) 0xFD, 0, 9, 0, 0, 0, 0, 0, 1, 0, 3, 1, 2, 3};
        byte[] wrongType = {23, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 2, 0, 4, 9, 9, 9, 9};
        return List.of(random, badLength, futureEpoch, wrongType, new byte[] {20}, new byte[] {21, 0, 0});
    }

    /** Wires a session and a client transport back to back through queues. */
    private final class Pipe {
        final DtlsServerSession session;
        private final QueuedDatagramTransport clientTransport;
        private final AtomicReference<DtlsServerSession> sessionRef = new AtomicReference<>();
        private volatile List<byte[]> interleaved = List.of();

        Pipe(Fingerprint expected, DtlsSettings settings) {
            clientTransport = new QueuedDatagramTransport(256, this::toServer, settings.mtu());
            session = DtlsServerSession.start(serverCertificate, expected,
                    datagram -> clientTransport.offer(datagram, 0, datagram.length),
                    eventLoop, listener, settings, counters);
            sessionRef.set(session);
        }

        private void toServer(byte[] datagram) {
            DtlsServerSession target = sessionRef.get();
            target.onDatagram(datagram, 0, datagram.length);
            for (byte[] junk : interleaved) {
                target.onDatagram(junk, 0, junk.length);
            }
        }

        void interleaveGarbage(List<byte[]> garbage) {
            interleaved = garbage;
        }

        TestDtlsClient client(Optional<int[]> profiles, boolean sendCertificate) {
            return new TestDtlsClient(new BcTlsCrypto(), clientCertificate, profiles, sendCertificate);
        }

        CompletableFuture<DTLSTransport> connect(TestDtlsClient client) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return new DTLSClientProtocol().connect(client, clientTransport);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, clientThreads);
        }

        Throwable connectFailure(TestDtlsClient client) throws InterruptedException {
            try {
                connect(client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError("the handshake should have failed");
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause().getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the client neither connected nor failed", e);
            }
        }
    }
}
