package dev.sparring.media.webrtc;

import dev.sparring.codecs.opus.OpusEncoderConfig;
import dev.sparring.media.webrtc.rtp.JitterBufferConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The WebRTC transport's settings ({@code webrtc-*} in config/media-server.properties, where every
 * default is documented).
 *
 * @param publicAddresses announced as ICE host candidates; empty: derived from the bind address
 * @param allowedOrigins  page origins allowed to post offers (CORS)
 */
public record WebRtcConfig(
        boolean enabled,
        int udpPort,
        List<InetAddress> publicAddresses,
        List<String> allowedOrigins,
        Duration connectTimeout,
        Duration consentTimeout,
        int opusBitrate,
        int opusComplexity,
        Duration jitterMin,
        Duration jitterMax) {

    public WebRtcConfig {
        publicAddresses = List.copyOf(publicAddresses);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (opusBitrate < 6_000 || opusBitrate > 510_000) {
            throw new IllegalArgumentException("webrtc-opus-bitrate must be 6000..510000, was " + opusBitrate);
        }
        if (opusComplexity < 0 || opusComplexity > 10) {
            throw new IllegalArgumentException("webrtc-opus-complexity must be 0..10, was " + opusComplexity);
        }
        if (jitterMin.isNegative() || jitterMax.compareTo(jitterMin) < 0) {
            throw new IllegalArgumentException("webrtc-jitter-max must be at least webrtc-jitter-min");
        }
        // Built once here so an invalid combination stops startup instead of every call.
        jitterBuffer(jitterMin, jitterMax);
        opusEncoder(opusBitrate, opusComplexity);
    }

    public JitterBufferConfig jitterBuffer() {
        return jitterBuffer(jitterMin, jitterMax);
    }

    public OpusEncoderConfig opusEncoder() {
        return opusEncoder(opusBitrate, opusComplexity);
    }

    private static JitterBufferConfig jitterBuffer(Duration min, Duration max) {
        return new JitterBufferConfig((int) min.toMillis(), (int) max.toMillis(), JitterBufferConfig.defaults().idleAfterMs());
    }

    private static OpusEncoderConfig opusEncoder(int bitrate, int complexity) {
        return OpusEncoderConfig.defaults().withBitrate(bitrate).withComplexity(complexity);
    }
}
