package dev.sparring.loadtest.twilio;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where Twilio would open the Media Stream, as the control plane answered a placed call.
 *
 * @param streamUrl the {@code ws://} or {@code wss://} URL of {@code <Stream url>}
 * @param customParameters the {@code <Parameter>}s, handed back in {@code start.customParameters}
 * @param callId the control plane's call id, when the REST API returned one
 */
public record StreamTarget(URI streamUrl, Map<String, String> customParameters, Optional<String> callId) {

    public StreamTarget {
        String scheme = streamUrl.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("a stream URL is ws:// or wss://: " + streamUrl);
        }
        customParameters = Map.copyOf(customParameters);
    }
}
