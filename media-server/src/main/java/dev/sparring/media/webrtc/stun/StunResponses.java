package dev.sparring.media.webrtc.stun;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** The Binding responses an ICE agent sends: success, and the 400/401/420/487 errors. */
public final class StunResponses {
    private StunResponses() {}

    /**
     * A Binding success response carrying the request's source as XOR-MAPPED-ADDRESS, then
     * MESSAGE-INTEGRITY keyed with {@code localPassword} (RFC 8445 §7.3: the responder's
     * password) and FINGERPRINT.
     */
    public static byte[] bindingSuccess(StunMessage request, InetSocketAddress mappedAddress, String localPassword) {
        return StunMessageBuilder.responseTo(request, StunClass.SUCCESS_RESPONSE)
                .xorMappedAddress(mappedAddress)
                .messageIntegrity(localPassword)
                .fingerprint()
                .build();
    }

    /**
     * An error response with FINGERPRINT, and MESSAGE-INTEGRITY when a key is given. RFC 8489
     * §9.1.3 forbids integrity on 400 and 401 (the request was not authenticated); 420 and 487
     * follow an authenticated request and carry it. For 420 the unknown types are listed.
     */
    public static byte[] error(StunMessage request, int code, Optional<String> localPassword, List<Integer> unknown) {
        StunMessageBuilder builder = StunMessageBuilder.responseTo(request, StunClass.ERROR_RESPONSE)
                .errorCode(StunErrorCode.of(code));
        if (!unknown.isEmpty()) {
            builder.unknownAttributes(unknown);
        }
        localPassword.ifPresent(builder::messageIntegrity);
        return builder.fingerprint().build();
    }
}
