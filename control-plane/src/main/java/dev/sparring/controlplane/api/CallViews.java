package dev.sparring.controlplane.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallEvent;
import dev.sparring.controlplane.calls.Injection;
import dev.sparring.controlplane.calls.Score;
import dev.sparring.controlplane.calls.Utterance;
import dev.sparring.controlplane.http.Json;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of calls in the API (snake_case, absent values omitted). */
final class CallViews {
    private CallViews() {
    }

    static ObjectNode summary(Call call) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", call.id().toString());
        node.put("state", call.state().dbValue());
        node.put("channel", call.channel().dbValue());
        node.put("scenario_id", call.scenarioId());
        call.userId().ifPresent(u -> node.put("user_id", u.toString()));
        call.fromNumber().ifPresent(v -> node.put("from", v));
        call.toNumber().ifPresent(v -> node.put("to", v));
        call.twilioCallSid().ifPresent(v -> node.put("twilio_call_sid", v));
        call.script().ifPresent(v -> node.put("script", v));
        node.put("created_at", call.createdAt().toString());
        call.startedAt().ifPresent(v -> node.put("started_at", v.toString()));
        call.endedAt().ifPresent(v -> node.put("ended_at", v.toString()));
        call.endReason().ifPresent(v -> node.put("end_reason", v));
        call.scoredAt().ifPresent(v -> node.put("scored_at", v.toString()));
        call.mediaServerId().ifPresent(v -> node.put("media_server_id", v));
        return node;
    }

    static ObjectNode detail(Call call, List<Utterance> utterances, List<CallEvent> events, List<Injection> injections,
                             Optional<Score> score) {
        ObjectNode node = summary(call);
        ArrayNode transcript = node.putArray("transcript");
        for (Utterance u : utterances) {
            ObjectNode t = transcript.addObject();
            t.put("seq", u.seq());
            t.put("speaker", u.speaker().dbValue());
            t.put("turn", u.turn());
            t.put("text", u.text());
            t.put("start_ms", u.startMs());
            t.put("end_ms", u.endMs());
            t.put("recognised", u.recognised());
            t.put("interrupted", u.interrupted());
            u.generatedText().ifPresent(g -> t.put("generated_text", g));
        }
        ArrayNode eventArray = node.putArray("events");
        for (CallEvent e : events) {
            eventArray.add(event(e));
        }
        ArrayNode injectionArray = node.putArray("injections");
        for (Injection i : injections) {
            injectionArray.add(injection(i));
        }
        score.ifPresent(s -> {
            ObjectNode scoreNode = node.putObject("score");
            scoreNode.put("total", Math.round(s.total()));
            scoreNode.put("computed_at", s.computedAt().toString());
            scoreNode.set("breakdown", s.breakdown());
        });
        return node;
    }

    static ObjectNode event(CallEvent e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("seq", e.seq());
        node.put("type", e.type());
        node.put("at", e.at().toString());
        node.set("data", e.data());
        return node;
    }

    static ObjectNode injection(Injection i) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", i.id().toString());
        node.put("call_id", i.callId().toString());
        node.put("kind", i.kind().dbValue());
        node.put("text", i.text());
        node.put("timing", i.timing().dbValue());
        node.put("status", i.status().dbValue());
        node.put("requested_at", i.requestedAt().toString());
        i.forwardedAt().ifPresent(v -> node.put("forwarded_at", v.toString()));
        i.appliedAt().ifPresent(v -> node.put("applied_at", v.toString()));
        i.error().ifPresent(v -> node.put("error", v));
        return node;
    }
}
