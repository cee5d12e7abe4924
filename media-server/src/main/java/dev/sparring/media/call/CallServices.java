package dev.sparring.media.call;

import dev.sparring.media.controlplane.SessionTokenVerifier;
import dev.sparring.media.eventlog.EventShipper;
import dev.sparring.media.pipeline.CallPipelineFactory;
import dev.sparring.media.server.CallRegistry;
import dev.sparring.media.server.ServerMetrics;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a {@link LiveCall} needs, shared by all calls of the process, whatever their transport.
 *
 * @param startupBufferFrames inbound media frames kept while the session is fetched (older ones dropped)
 */
public record CallServices(
        SessionTokenVerifier tokens,
        SessionSource sessions,
        CallPipelineFactory pipelines,
        EventShipper shipper,
        CallRegistry calls,
        ServerMetrics metrics,
        Clock clock,
        Duration maxCallDuration,
        Duration silenceTimeout,
        int startupBufferFrames) {}
