package dev.sparring.media.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser stand-in: a BouncyCastle DTLS 1.2 client with its own self-signed certificate that
 * offers use_srtp like Chrome, and records what it learned for the test to compare. Public so the
 * transport tests' Java test peer (package webrtc) can drive it too.
 */
public final class TestDtlsClient extends DefaultTlsClient {
    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final Optional<int[]> srtpProfiles;
    private final boolean sendCertificate;

    volatile byte[] exported;
    volatile byte[] serverCertificateDer;
    volatile int selectedProfile = -1;
    volatile boolean closeNotifyReceived;

    public TestDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, Optional<int[]> srtpProfiles, boolean sendCertificate) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.srtpProfiles = srtpProfiles;
        this.sendCertificate = sendCertificate;
    }

    /** The 60 bytes of DTLS-SRTP keying material, once the handshake completed. */
    public Optional<byte[]> exportedKeyingMaterial() {
        return Optional.ofNullable(exported).map(byte[]::clone);
    }

    /** The SRTP protection profile id the server chose, once it answered. */
    public int chosenSrtpProfile() {
        return selectedProfile;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 20_000;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        if (srtpProfiles.isPresent()) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(srtpProfiles.get(), TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen != null) {
            selectedProfile = chosen.getProtectionProfiles()[0];
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                serverCertificateDer = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (!sendCertificate) {
                    return null;
                }
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        certificate.privateKey(), certificate.tlsCertificate(crypto),
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }
}
