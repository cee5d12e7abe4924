package dev.sparring.media.pipeline;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the pipeline needs from its call.
 *
 * @param session  parsed from {@code GET /internal/calls/{id}/session} with {@link CallSession#parse}
 * @param clock    injected time
 * @param executor the call's serial executor (the Netty channel's EventLoop)
 */
public record CallContext(
        String callId, String orgId,
        CallSession session,
        Clock clock,
        ScheduledExecutorService executor,
        OutboundTransport transport,
        CallEventSink events) {}
