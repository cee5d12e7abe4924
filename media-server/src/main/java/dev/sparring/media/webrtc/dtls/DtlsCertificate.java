package dev.sparring.media.webrtc.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The server's DTLS identity: one self-signed ECDSA P-256 certificate and its key, made at
 * startup and shared by every peer (browsers accept any self-signed certificate whose fingerprint
 * matches the SDP answer). Immutable and thread-safe.
 */
public final class DtlsCertificate {
    /** Backdated so a peer with a slow clock still finds it valid. */
    static final Duration BACKDATE = Duration.ofDays(30);
    static final Duration VALIDITY = Duration.ofDays(365);
    static final String SUBJECT = "CN=sparring";

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final Fingerprint sha256;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.sha256 = Fingerprint.of("sha-256", der);
    }

    public static DtlsCertificate generate() {
        return generate(Clock.systemUTC(), new SecureRandom());
    }

    public static DtlsCertificate generate(Clock clock, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name(SUBJECT);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, random).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
            return new DtlsCertificate(der, PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new DtlsException("cannot generate the DTLS certificate", e);
        }
    }

    /** The SHA-256 fingerprint, for {@code a=fingerprint:sha-256 ...} in our SDP. */
    public Fingerprint fingerprint() {
        return sha256;
    }

    /** The SHA-256 digest of the DER certificate. */
    public byte[] fingerprintBytes() {
        return sha256.digest();
    }

    /** The digest as SDP writes it: {@code AB:CD:...}, upper-case hex with colons. */
    public String fingerprintSdp() {
        return sha256.hex();
    }

    public byte[] der() {
        return der.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    Certificate tlsCertificate(TlsCrypto crypto) throws IOException {
        return new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
    }
}
