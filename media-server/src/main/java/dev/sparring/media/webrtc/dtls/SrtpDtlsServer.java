package dev.sparring.media.webrtc.dtls;

import dev.sparring.media.webrtc.srtp.SrtpKeyMaterial;
import dev.sparring.media.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The BouncyCastle {@code TlsServer} policy for WebRTC: DTLS 1.2 only, ECDHE-ECDSA suites, a
 * required client certificate whose fingerprint must equal the one from the SDP offer, and
 * {@code use_srtp} with a profile our SRTP implements. Exports the SRTP keys on completion.
 *
 * <p>One per handshake; used only by the session's protocol thread, except the volatile outcome
 * fields the session reads after the protocol returns or throws on that same thread.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
    /** Chrome and Firefox offer ECDHE-ECDSA with AES-128-GCM first; the rest are their fallbacks. */
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };
    /** Preference order: 80-bit tags first. */
    private static final SrtpProfile[] PROFILES = {SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AES128_CM_HMAC_SHA1_32};
    private static final int EXPORTED_LENGTH = 2 * (SrtpProfile.KEY_LENGTH + SrtpProfile.SALT_LENGTH);

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final Fingerprint expectedPeer;
    private final int handshakeTimeoutMillis;

    private SrtpProfile selectedProfile;
    private volatile SrtpKeyMaterial keys;
    private volatile DtlsFailure failure;
    private volatile String failureDetail = "";
    private volatile boolean closeNotifyReceived;

    SrtpDtlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, Fingerprint expectedPeer, int handshakeTimeoutMillis) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedPeer = expectedPeer;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    Optional<SrtpKeyMaterial> keys() {
        return Optional.ofNullable(keys);
    }

    /** The reason this policy rejected the handshake, if it was this policy that did. */
    Optional<DtlsFailure> failure() {
        return Optional.ofNullable(failure);
    }

    String failureDetail() {
        return failureDetail;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                certificate.privateKey(), certificate.tlsCertificate(crypto),
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<?> signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                signatureAlgorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw reject(DtlsFailure.NO_CLIENT_CERTIFICATE, AlertDescription.handshake_failure);
        }
        // The browser's certificate is self-signed: the SDP fingerprint is the only trust anchor.
        // BouncyCastle has already checked that the client holds its key (CertificateVerify).
        if (!expectedPeer.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
            throw reject(DtlsFailure.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate);
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's extension API predates generics
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw reject(DtlsFailure.NO_USE_SRTP, AlertDescription.handshake_failure);
        }
        selectedProfile = choose(offered.getProtectionProfiles())
                .orElseThrow(() -> reject(DtlsFailure.NO_COMMON_SRTP_PROFILE, AlertDescription.handshake_failure));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // BouncyCastle's extension API predates generics
    public Hashtable getServerExtensions() throws IOException {
        Hashtable serverExtensions = super.getServerExtensions();
        if (serverExtensions == null) {
            serverExtensions = new Hashtable();
        }
        // We never use an MKI, so the answer carries an empty one (RFC 5764 §4.1.1).
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {selectedProfile.id()}, TlsUtils.EMPTY_BYTES));
        return serverExtensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, EXPORTED_LENGTH);
        keys = SrtpKeyMaterial.fromExporter(selectedProfile, exported);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        } else if (alertLevel == AlertLevel.fatal) {
            failureDetail = AlertDescription.getText(alertDescription);
        }
    }

    private static Optional<SrtpProfile> choose(int[] offered) {
        for (SrtpProfile preferred : PROFILES) {
            for (int id : offered) {
                if (id == preferred.id()) {
                    return Optional.of(preferred);
                }
            }
        }
        return Optional.empty();
    }

    private TlsFatalAlert reject(DtlsFailure reason, short alert) {
        failure = reason;
        return new TlsFatalAlert(alert, reason.description());
    }
}
