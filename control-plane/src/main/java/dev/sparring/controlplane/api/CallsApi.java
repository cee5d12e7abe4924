package dev.sparring.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.CallScoring;
import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallEventRepository;
import dev.sparring.controlplane.calls.CallException;
import dev.sparring.controlplane.calls.CallPage;
import dev.sparring.controlplane.calls.CallQuery;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallState;
import dev.sparring.controlplane.calls.Channel;
import dev.sparring.controlplane.calls.Injection;
import dev.sparring.controlplane.calls.InjectionRepository;
import dev.sparring.controlplane.calls.NewCall;
import dev.sparring.controlplane.calls.ScoreRepository;
import dev.sparring.controlplane.calls.UtteranceRepository;
import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.Json;
import dev.sparring.controlplane.http.ProblemException;
import dev.sparring.controlplane.http.Reply;
import dev.sparring.controlplane.live.LiveEvent;
import dev.sparring.controlplane.live.LiveEvents;
import dev.sparring.controlplane.session.CallLauncher;
import dev.sparring.controlplane.tenancy.Principal;
import dev.sparring.controlplane.tenancy.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/calls}: create a call (returns what a client needs to connect), list calls newest
 * first, one call with transcript, events, injections and score, its live events, injections, and
 * rescoring. Reps see their own calls; coaches and admins their organisation's. Stateless.
 */
public final class CallsApi {
    private static final Set<String> CREATE_FIELDS = Set.of("scenario_id", "channel", "user_id", "script");
    private static final Set<String> INJECTION_FIELDS = Set.of("kind", "text", "timing");
    private static final int MAX_INJECTION_CHARS = 1000;

    private final CallRepository calls;
    private final UtteranceRepository utterances;
    private final CallEventRepository events;
    private final InjectionRepository injections;
    private final ScoreRepository scores;
    private final CallLauncher launcher;
    private final InjectionForwarder forwarder;
    private final LiveEvents live;
    private final CallScoring scoring;
    private final int pageSizeDefault;
    private final int pageSizeMax;

    public CallsApi(CallRepository calls, UtteranceRepository utterances, CallEventRepository events,
                    InjectionRepository injections, ScoreRepository scores, CallLauncher launcher,
                    InjectionForwarder forwarder, LiveEvents live, CallScoring scoring, int pageSizeDefault, int pageSizeMax) {
        this.calls = calls;
        this.utterances = utterances;
        this.events = events;
        this.injections = injections;
        this.scores = scores;
        this.launcher = launcher;
        this.forwarder = forwarder;
        this.live = live;
        this.scoring = scoring;
        this.pageSizeDefault = pageSizeDefault;
        this.pageSizeMax = pageSizeMax;
    }

    /** {@code POST /api/calls}. */
    public Reply create(Exchange exchange) {
        Principal principal = Auth.principal(exchange);
        JsonNode body = exchange.json();
        Bodies.rejectUnknownFields(body, CREATE_FIELDS);
        String scenarioId = Bodies.requiredText(body, "scenario_id");
        Channel channel = channel(Optional.ofNullable(body.get("channel")).map(JsonNode::asText).orElse("twilio"));
        Optional<UUID> userId = Bodies.optionalText(body, "user_id").map(v -> Bodies.uuid(v, "user_id"));
        if (userId.isPresent() && !userId.get().equals(principal.userId())) {
            Auth.requireRole(principal, Role.ADMIN, Role.COACH);
        }
        NewCall request = new NewCall(scenarioId, Optional.of(userId.orElse(principal.userId())), channel,
                Optional.empty(), Optional.empty(), Optional.empty(), launcher.validScript(Bodies.optionalText(body, "script")));
        CallLauncher.Launch launch = launcher.launch(principal.orgId(), request);
        ObjectNode node = CallViews.summary(launch.call());
        ObjectNode connect = node.putObject("connect");
        switch (channel) {
            case TWILIO -> connect.put("stream_url", launch.streamUrl());
            case WEBRTC -> connect.put("offer_url", launch.offerUrl());
        }
        connect.put("token", launch.token());
        connect.put("expires_at", launch.expiresAt().toString());
        return Reply.json(201, node).withHeader("Location", "/api/calls/" + launch.call().id());
    }

    /** {@code GET /api/calls?state=&scenario_id=&user_id=&channel=&created_after=&created_before=&limit=&cursor=}. */
    public Reply list(Exchange exchange) {
        Principal principal = Auth.principal(exchange);
        CallQuery query = CallQuery.all().withLimit(limit(exchange));
        Optional<String> state = exchange.query("state");
        if (state.isPresent()) {
            query = query.withState(state(state.get()));
        }
        Optional<String> scenario = exchange.query("scenario_id");
        if (scenario.isPresent()) {
            query = query.withScenario(scenario.get());
        }
        Optional<String> channel = exchange.query("channel");
        if (channel.isPresent()) {
            query = query.withChannel(channel(channel.get()));
        }
        Optional<UUID> user = exchange.query("user_id").map(v -> Bodies.uuid(v, "user_id"));
        if (!Auth.seesAllCalls(principal)) {
            if (user.isPresent() && !user.get().equals(principal.userId())) {
                throw ProblemException.forbidden("a rep can list only their own calls");
            }
            user = Optional.of(principal.userId());
        }
        if (user.isPresent()) {
            query = query.withUser(user.get());
        }
        query = query.withCreatedBetween(exchange.query("created_after").map(v -> Bodies.instant(v, "created_after")),
                exchange.query("created_before").map(v -> Bodies.instant(v, "created_before")));
        Optional<String> cursor = exchange.query("cursor");
        if (cursor.isPresent()) {
            query = query.after(cursor.get());
        }
        CallPage page;
        try {
            page = calls.list(principal.orgId(), query);
        } catch (CallException | IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode array = node.putArray("calls");
        page.calls().forEach(c -> array.add(CallViews.summary(c)));
        page.nextCursor().ifPresent(c -> node.put("next_cursor", c));
        return Reply.json(200, node);
    }

    /** {@code GET /api/calls/{id}}. */
    public Reply get(Exchange exchange) {
        Principal principal = Auth.principal(exchange);
        Call call = visibleCall(exchange, principal);
        return Reply.json(200, CallViews.detail(call, utterances.list(principal.orgId(), call.id()),
                events.list(principal.orgId(), call.id()), injections.list(principal.orgId(), call.id()),
                scores.find(principal.orgId(), call.id())));
    }

    /** {@code GET /api/calls/{id}/live}: server-sent events, history first. */
    public Reply live(Exchange exchange) {
        Principal principal = Auth.principal(exchange);
        Call call = visibleCall(exchange, principal);
        var history = events.list(principal.orgId(), call.id()).stream()
                .map(e -> new LiveEvent(e.callId(), e.seq(), e.type(), e.at(), e.data())).toList();
        live.subscribe(call.id(), history, exchange.jettyResponse(), exchange.jettyCallback());
        if (!call.state().isActive()) {
            live.endCall(call.id());
        }
        return Reply.STREAMING;
    }

    /** {@code POST /api/calls/{id}/injections}: a curveball or context hint for a live call. */
    public Reply inject(Exchange exchange) {
        Principal principal = Auth.principal(exchange);
        Auth.requireRole(principal, Role.COACH, Role.ADMIN);
        Call call = visibleCall(exchange, principal);
        JsonNode body = exchange.json();
        Bodies.rejectUnknownFields(body, INJECTION_FIELDS);
        Injection.Kind kind = Bodies.enumValue(Injection.Kind.values(), Bodies.requiredText(body, "kind"), "kind", Injection.Kind::dbValue);
        String text = Bodies.requiredText(body, "text").strip();
        if (text.length() > MAX_INJECTION_CHARS) {
            throw ProblemException.badRequest("text is " + text.length() + " characters; at most " + MAX_INJECTION_CHARS);
        }
        Injection.Timing timing = Bodies.enumValue(Injection.Timing.values(),
                Bodies.optionalText(body, "timing").orElse("next-turn"), "timing", Injection.Timing::dbValue);
        if (call.state() != CallState.LIVE || call.mediaServerUrl().isEmpty()) {
            throw ProblemException.conflict("call " + call.id() + " is " + call.state().dbValue()
                    + "; injections need a live call");
        }
        Injection injection = injections.create(principal.orgId(), call.id(), kind, text, timing, Optional.of(principal.userId()))
                .orElseThrow(() -> ProblemException.notFound("no call with id '" + call.id() + "'"));
        return switch (forwarder.forward(call.mediaServerUrl().get(), injection)) {
            case InjectionForwarder.Outcome.Accepted a -> {
                injections.markForwarded(principal.orgId(), injection.id());
                yield Reply.json(202, CallViews.injection(injections.find(principal.orgId(), injection.id()).orElse(injection)));
            }
            case InjectionForwarder.Outcome.Refused r -> {
                injections.markFailed(principal.orgId(), injection.id(), "media server answered " + r.status());
                throw r.status() == 404
                        ? ProblemException.conflict("call " + call.id() + " is no longer running on its media server")
                        : new ProblemException(502, "Bad Gateway", "the media server refused the injection with "
                        + r.status() + ": " + r.body());
            }
            case InjectionForwarder.Outcome.Unreachable u -> {
                injections.markFailed(principal.orgId(), injection.id(), u.reason());
                throw new ProblemException(502, "Bad Gateway", "the media server hosting the call is unreachable: " + u.reason());
            }
        };
    }

    /** {@code POST /api/calls/{id}/score}: recompute the score from the stored call record. */
    public Reply rescore(Exchange exchange) {
        Principal principal = Auth.principal(exchange);
        Auth.requireRole(principal, Role.COACH, Role.ADMIN);
        Call call = visibleCall(exchange, principal);
        if (call.state().isActive() || call.state() == CallState.ABANDONED) {
            throw ProblemException.conflict("call " + call.id() + " is " + call.state().dbValue() + "; only finished calls are scored");
        }
        scoring.score(call);
        return get(exchange);
    }

    private Call visibleCall(Exchange exchange, Principal principal) {
        UUID id = exchange.pathUuid("id", "call");
        return calls.find(principal.orgId(), id)
                .filter(c -> Auth.seesAllCalls(principal) || c.userId().equals(Optional.of(principal.userId())))
                .orElseThrow(() -> ProblemException.notFound("no call with id '" + id + "'"));
    }

    private int limit(Exchange exchange) {
        Optional<String> raw = exchange.query("limit");
        if (raw.isEmpty()) {
            return pageSizeDefault;
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit < 1 || limit > pageSizeMax) {
                throw ProblemException.badRequest("limit must be from 1 to " + pageSizeMax + ", not " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number, not '" + raw.get() + "'");
        }
    }

    private static Channel channel(String value) {
        return Bodies.enumValue(Channel.values(), value, "channel", Channel::dbValue);
    }

    private static CallState state(String value) {
        return Bodies.enumValue(CallState.values(), value, "state", CallState::dbValue);
    }

}
