package dev.sparring.media.webrtc;

import io.netty.channel.EventLoop;
import java.util.Optional;

/** What the HTTP signalling endpoint asks of the WebRTC transport (WHIP's shape: offer in, answer out). */
public interface Signalling {
    /** The answer to an accepted offer, and the resource that ends the call when deleted. */
    record Answer(String sdp, String resourceId, String callId) {}

    /**
     * Accepts a browser's offer: checks the session token, admits the call, creates the peer on
     * {@code executor} and answers.
     *
     * @throws SignallingException 400 bad SDP, 401 bad/used/expired token, 409 call already live,
     *     503 draining or at the organisation's limit
     */
    Answer offer(String sdp, Optional<String> sessionToken, EventLoop executor);

    /** Ends the call of this resource (the browser hung up); false when there is no such resource. */
    boolean hangUp(String resourceId);
}
