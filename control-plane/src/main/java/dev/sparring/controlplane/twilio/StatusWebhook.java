package dev.sparring.controlplane.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallState;
import dev.sparring.controlplane.calls.TwilioStatusRepository;
import dev.sparring.controlplane.http.Endpoint;
import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.Json;
import dev.sparring.controlplane.http.ProblemException;
import dev.sparring.controlplane.http.Reply;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/status}: Twilio's status callbacks (the {@code <Stream statusCallback>} events
 * {@code stream-started}, {@code stream-stopped}, {@code stream-error}, and call status callbacks if
 * configured). Every callback is stored with all its parameters; a stream error before the stream
 * ever went live fails the call. Stateless.
 */
public final class StatusWebhook implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(StatusWebhook.class);

    private final TwilioGate gate;
    private final UUID defaultOrgId;
    private final CallRepository calls;
    private final TwilioStatusRepository statuses;

    public StatusWebhook(TwilioGate gate, UUID defaultOrgId, CallRepository calls, TwilioStatusRepository statuses) {
        this.gate = gate;
        this.defaultOrgId = defaultOrgId;
        this.calls = calls;
        this.statuses = statuses;
    }

    @Override
    public Reply handle(Exchange exchange) {
        Map<String, List<String>> form = gate.admit(exchange);
        String callSid = TwilioGate.param(form, "CallSid")
                .orElseThrow(() -> ProblemException.badRequest("the form parameter CallSid is missing"));
        String event = TwilioGate.param(form, "StreamEvent").or(() -> TwilioGate.param(form, "CallStatus"))
                .orElseThrow(() -> ProblemException.badRequest("neither StreamEvent nor CallStatus is present"));
        ObjectNode params = Json.MAPPER.createObjectNode();
        form.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));

        Optional<Call> call = calls.findByTwilioCallSidAnyOrg(callSid);
        UUID orgId = call.map(Call::orgId).orElse(defaultOrgId);
        statuses.record(orgId, call.map(Call::id), callSid, event, params);
        if ("stream-error".equals(event) && call.isPresent()) {
            calls.transition(orgId, call.get().id(), EnumSet.of(CallState.CREATED, CallState.CONNECTING), CallState.FAILED)
                    .ifPresent(c -> log.warn("call {} failed before going live: Twilio stream error {}", c.id(),
                            TwilioGate.param(form, "StreamError").orElse("(no detail)")));
        }
        return Reply.empty(204);
    }
}
