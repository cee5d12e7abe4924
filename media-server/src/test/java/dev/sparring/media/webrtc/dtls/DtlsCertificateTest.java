package dev.sparring.media.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void isASelfSignedP256CertificateValidFromAMonthAgoForAYear() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.der()));

        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=sparring");
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        x509.verify(x509.getPublicKey());
        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(x509.getNotBefore().toInstant()).isEqualTo(NOW.minus(DtlsCertificate.BACKDATE));
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(NOW.plus(DtlsCertificate.VALIDITY));
    }

    @Test
    void fingerprintIsTheSha256OfTheDerInSdpNotation() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.der());

        assertThat(certificate.fingerprintBytes()).isEqualTo(expected);
        assertThat(certificate.fingerprintSdp()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(certificate.fingerprint().sdpValue()).isEqualTo("sha-256 " + certificate.fingerprintSdp());
    }

    @Test
    void fingerprintParsesSdpAndMatchesByItsOwnHashFunction() {
        DtlsCertificate certificate = DtlsCertificate.generate();
        Fingerprint sha384 = Fingerprint.of("SHA-384", certificate.der());

        Fingerprint parsed = Fingerprint.parse(sha384.sdpValue().toLowerCase());

        assertThat(parsed).isEqualTo(sha384);
        assertThat(parsed.algorithm()).isEqualTo("sha-384");
        assertThat(parsed.digest()).hasSize(48);
        assertThat(parsed.matches(certificate.der())).isTrue();
        assertThat(parsed.matches(DtlsCertificate.generate().der())).isFalse();
        assertThat(Fingerprint.parse(" sha-512  " + Fingerprint.of("sha-512", certificate.der()).hex()).matches(certificate.der()))
                .isTrue();
    }

    @Test
    void rejectsUnsupportedOrGarbledFingerprints() {
        assertThatThrownBy(() -> Fingerprint.parse("md5 AB:CD")).isInstanceOf(DtlsException.class).hasMessageContaining("md5");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256")).isInstanceOf(DtlsException.class);
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 XY:ZZ")).isInstanceOf(DtlsException.class);
    }
}
