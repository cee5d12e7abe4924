package dev.sparring.media.webrtc;

/** The WebRTC transport cannot do what was asked (bind its port, accept an offer). */
public class WebRtcException extends RuntimeException {
    public WebRtcException(String message) {
        super(message);
    }

    public WebRtcException(String message, Throwable cause) {
        super(message, cause);
    }
}
