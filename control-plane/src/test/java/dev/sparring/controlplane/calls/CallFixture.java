package dev.sparring.controlplane.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.controlplane.catalog.CatalogSeeder;
import dev.sparring.controlplane.db.Columns;
import dev.sparring.controlplane.db.Jdbc;
import dev.sparring.controlplane.db.MutableClock;
import dev.sparring.controlplane.tenancy.NewUser;
import dev.sparring.controlplane.tenancy.Organisation;
import dev.sparring.controlplane.tenancy.OrganisationRepository;
import dev.sparring.controlplane.tenancy.Role;
import dev.sparring.controlplane.tenancy.User;
import dev.sparring.controlplane.tenancy.UserRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Two organisations with the shipped catalog and a rep each, plus event builders, for the calls tests. */
final class CallFixture {

    static final Path SHIPPED_CONFIG = Path.of("..", "config");

    final Organisation org;
    final Organisation otherOrg;
    final User rep;
    final User otherRep;
    final CallRepository calls;

    CallFixture(Jdbc jdbc, MutableClock clock) {
        OrganisationRepository organisations = new OrganisationRepository(jdbc, clock);
        UserRepository users = new UserRepository(jdbc, clock);
        CatalogSeeder seeder = new CatalogSeeder(jdbc, clock);
        org = organisations.create("acme", "Acme Lending");
        otherOrg = organisations.create("globex", "Globex");
        seeder.seed(org.id(), SHIPPED_CONFIG);
        seeder.seed(otherOrg.id(), SHIPPED_CONFIG);
        rep = users.create(org.id(), NewUser.of("sam@acme.test", "Sam", Role.REP).withPhone("+15550100"));
        otherRep = users.create(otherOrg.id(), NewUser.of("kim@globex.test", "Kim", Role.REP));
        calls = new CallRepository(jdbc, clock);
    }

    Call newCall() {
        return calls.create(org.id(), NewCall.webrtc("refinance-rate-shopper", Optional.of(rep.id())));
    }

    static IncomingEvent event(UUID callId, long seq, String type, String at, String dataJson) {
        try {
            return new IncomingEvent(callId, seq, type, Instant.parse(at), Columns.MAPPER.readTree(dataJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static IncomingEvent live(UUID callId, long seq) {
        return event(callId, seq, "call.live", "2026-11-22T10:00:00Z",
                "{\"stream_sid\":\"MZ1\",\"call_sid\":\"CA1\",\"channel\":\"webrtc\"}");
    }

    static IncomingEvent utterance(UUID callId, long seq, String speaker, String text) {
        ObjectNode data = Columns.MAPPER.createObjectNode();
        data.put("speaker", speaker).put("turn", (int) seq).put("text", text).put("start_ms", seq * 1000)
                .put("end_ms", seq * 1000 + 800).put("recognised", true).put("interrupted", false);
        if (speaker.equals("prospect")) {
            data.put("generated_text", text + " And more.");
        }
        return new IncomingEvent(callId, seq, "utterance", Instant.parse("2026-11-22T10:00:00Z").plusSeconds(seq),
                data);
    }

    static EventBatch batch(java.util.List<UUID> liveCalls, IncomingEvent... events) {
        return new EventBatch("ms-1", "http://127.0.0.1:8081", liveCalls, java.util.List.of(events));
    }

    static JsonNode json(String text) {
        try {
            return Columns.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
