package dev.sparring.media.controlplane;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mints session tokens exactly as docs/contract.md describes, for tests. */
public final class TestTokens {
    public static final byte[] KEY = "test-signing-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private TestTokens() {}

    public static String mint(byte[] key, String callId, String orgId, String channel, Instant exp, String jti) {
        String json = "{\"call_id\":\"" + callId + "\",\"org_id\":\"" + orgId + "\",\"scenario_id\":\"refinance-rate-shopper\","
                + "\"channel\":\"" + channel + "\",\"exp\":" + exp.getEpochSecond() + ",\"jti\":\"" + jti + "\"}";
        String signed = "v1." + b64(json.getBytes(StandardCharsets.UTF_8));
        return signed + "." + b64(hmac(key, signed));
    }

    public static String mint(String callId, String orgId, Instant exp) {
        return mint(KEY, callId, orgId, "twilio", exp, "jti-" + callId);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
