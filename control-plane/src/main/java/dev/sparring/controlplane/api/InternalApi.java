package dev.sparring.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.CallScoring;
import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallException;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.EventBatch;
import dev.sparring.controlplane.calls.IncomingEvent;
import dev.sparring.controlplane.calls.IngestionResult;
import dev.sparring.controlplane.calls.IngestionService;
import dev.sparring.controlplane.calls.RejectedEvent;
import dev.sparring.controlplane.catalog.Persona;
import dev.sparring.controlplane.catalog.PersonaRepository;
import dev.sparring.controlplane.catalog.PromptTemplate;
import dev.sparring.controlplane.catalog.Scenario;
import dev.sparring.controlplane.catalog.ScenarioRepository;
import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.Json;
import dev.sparring.controlplane.http.ProblemException;
import dev.sparring.controlplane.http.Reply;
import dev.sparring.controlplane.live.LiveEvent;
import dev.sparring.controlplane.live.LiveEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The service-authenticated endpoints the media server calls (docs/contract.md): the call session,
 * event batches across calls, and call completion. A malformed batch is refused whole (400) so
 * nothing of it is stored; valid batches are stored idempotently and pushed to live pages.
 */
public final class InternalApi {
    private static final int MAX_EVENTS_PER_BATCH = 10_000;

    private final CallRepository calls;
    private final PersonaRepository personas;
    private final ScenarioRepository scenarios;
    private final IngestionService ingestion;
    private final LiveEvents live;
    private final CallScoring scoring;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;

    public InternalApi(CallRepository calls, PersonaRepository personas, ScenarioRepository scenarios,
                       IngestionService ingestion, LiveEvents live, CallScoring scoring, MeterRegistry registry) {
        this.calls = calls;
        this.personas = personas;
        this.scenarios = scenarios;
        this.ingestion = ingestion;
        this.live = live;
        this.scoring = scoring;
        this.stored = Counter.builder("sparring.ingest.events").tag("outcome", "stored").register(registry);
        this.duplicates = Counter.builder("sparring.ingest.events").tag("outcome", "duplicate").register(registry);
        this.rejected = Counter.builder("sparring.ingest.events").tag("outcome", "rejected").register(registry);
    }

    /** {@code GET /internal/calls/{id}/session}. */
    public Reply session(Exchange exchange) {
        UUID id = exchange.pathUuid("id", "call");
        Call call = calls.findByIdAnyOrg(id).orElseThrow(() -> ProblemException.notFound("no call with id '" + id + "'"));
        Scenario scenario = scenarios.find(call.orgId(), call.scenarioId()).orElseThrow(() -> ProblemException.conflict(
                "call " + id + " names scenario '" + call.scenarioId() + "', which no longer exists"));
        Persona persona = personas.find(call.orgId(), scenario.personaId()).orElseThrow(() -> ProblemException.conflict(
                "scenario '" + scenario.id() + "' names persona '" + scenario.personaId() + "', which no longer exists"));
        ObjectNode node = Json.MAPPER.createObjectNode();
        ObjectNode callNode = node.putObject("call");
        callNode.put("id", call.id().toString());
        callNode.put("org_id", call.orgId().toString());
        callNode.put("channel", call.channel().dbValue());
        callNode.put("state", call.state().dbValue());
        call.script().ifPresent(s -> callNode.put("script", s));
        node.set("persona", persona.toDocument());
        node.set("scenario", scenario.toDocument());
        node.put("prompt", PromptTemplate.render(persona, scenario));
        return Reply.json(200, node);
    }

    /** {@code POST /internal/events}. */
    public Reply events(Exchange exchange) {
        EventBatch batch = parseBatch(exchange.json());
        IngestionResult result = ingestion.ingest(batch);
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
        rejected.increment(result.rejected().size());

        Set<String> refused = new HashSet<>();
        result.rejected().forEach(r -> refused.add(r.callId() + "/" + r.seq()));
        List<LiveEvent> accepted = new ArrayList<>();
        for (IncomingEvent e : batch.events()) {
            if (!refused.contains(e.callId() + "/" + e.seq())) {
                accepted.add(new LiveEvent(e.callId(), e.seq(), e.type(), e.at(), e.data()));
            }
        }
        live.publish(accepted);

        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("stored", result.stored());
        node.put("duplicates", result.duplicates());
        ArrayNode rejectedArray = node.putArray("rejected");
        for (RejectedEvent r : result.rejected()) {
            rejectedArray.addObject().put("call_id", r.callId().toString()).put("seq", r.seq()).put("reason", r.reason());
        }
        return Reply.json(200, node);
    }

    /** {@code POST /internal/calls/{id}/complete}. */
    public Reply complete(Exchange exchange) {
        UUID id = exchange.pathUuid("id", "call");
        JsonNode body = exchange.json();
        Bodies.rejectUnknownFields(body, Set.of("reason", "last_seq", "ended_at"));
        String reason = Bodies.requiredText(body, "reason");
        JsonNode lastSeq = body.get("last_seq");
        if (lastSeq == null || !lastSeq.canConvertToLong() || !lastSeq.isIntegralNumber() || lastSeq.asLong() < 0) {
            throw ProblemException.badRequest("last_seq must be a whole number ≥ 0");
        }
        Instant endedAt = Bodies.instant(Bodies.requiredText(body, "ended_at"), "ended_at");
        Call call;
        try {
            call = ingestion.complete(id, reason, lastSeq.asLong(), endedAt)
                    .orElseThrow(() -> ProblemException.notFound("no call with id '" + id + "'"));
        } catch (CallException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        // Score at once when every event is in; otherwise the scoring pass finishes it when they arrive.
        scoring.scoreIfReady(call);
        return Reply.json(200, CallViews.summary(calls.findByIdAnyOrg(id).orElse(call)));
    }

    static EventBatch parseBatch(JsonNode body) {
        Bodies.rejectUnknownFields(body, Set.of("server_id", "server_url", "live_calls", "events"));
        String serverId = Bodies.requiredText(body, "server_id");
        String serverUrl = Bodies.requiredText(body, "server_url");
        List<UUID> liveCalls = new ArrayList<>();
        JsonNode liveNode = body.path("live_calls");
        if (!liveNode.isMissingNode() && !liveNode.isArray()) {
            throw ProblemException.badRequest("live_calls must be an array of call ids");
        }
        for (JsonNode id : liveNode) {
            liveCalls.add(Bodies.uuid(id.asText(), "live_calls[]"));
        }
        JsonNode eventsNode = body.path("events");
        if (!eventsNode.isArray()) {
            throw ProblemException.badRequest("events must be an array (it may be empty)");
        }
        if (eventsNode.size() > MAX_EVENTS_PER_BATCH) {
            throw ProblemException.badRequest("a batch holds at most " + MAX_EVENTS_PER_BATCH + " events, not " + eventsNode.size());
        }
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < eventsNode.size(); i++) {
            JsonNode e = eventsNode.get(i);
            String where = "events[" + i + "]";
            if (!e.isObject()) {
                throw ProblemException.badRequest(where + " must be an object");
            }
            UUID callId = Bodies.uuid(text(e, "call_id", where), where + ".call_id");
            JsonNode seq = e.get("seq");
            if (seq == null || !seq.isIntegralNumber() || seq.asLong() < 1) {
                throw ProblemException.badRequest(where + ".seq must be a whole number ≥ 1");
            }
            String type = text(e, "type", where);
            Instant at = Bodies.instant(text(e, "at", where), where + ".at");
            JsonNode data = e.path("data");
            if (!data.isObject()) {
                throw ProblemException.badRequest(where + ".data must be an object");
            }
            events.add(new IncomingEvent(callId, seq.asLong(), type, at, data));
        }
        return new EventBatch(serverId, serverUrl, liveCalls, events);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ProblemException.badRequest(where + "." + field + " must be a non-empty string");
        }
        return value.asText();
    }
}
