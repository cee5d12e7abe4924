package dev.sparring.media.webrtc.sdp;

import java.util.List;
import java.util.Optional;

/** One m= section of an offer as far as the answer needs it: kind, port, protocol, formats, mid. */
public record SdpMedia(String kind, int port, String protocol, List<String> formats, Optional<String> mid) {
    public SdpMedia {
        formats = List.copyOf(formats);
    }
}
