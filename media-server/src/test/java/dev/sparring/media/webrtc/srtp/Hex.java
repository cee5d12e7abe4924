package dev.sparring.media.webrtc.srtp;

import java.util.HexFormat;

/** Test vectors are transcribed as hex, optionally with spaces between groups. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
