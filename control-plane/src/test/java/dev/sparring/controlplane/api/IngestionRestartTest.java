package dev.sparring.controlplane.api;

import static dev.sparring.controlplane.ControlPlaneHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparring.controlplane.ControlPlaneHarness;
import dev.sparring.controlplane.db.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The control plane restarts at any time without loss: embedded PostgreSQL keeps its data directory. */
class IngestionRestartTest {

    @Test
    void aRestartInTheMiddleOfIngestionLosesNothingAndStoresNothingTwice() throws Exception {
        Path dataDir = TestDatabase.temporaryDirectory("sparring-restart");
        String callId;
        String serviceKey;
        try (ControlPlaneHarness first = ControlPlaneHarness.start(dataDir, Map.of("SPARRING_API_KEY", "sk_restart_admin_key_0123456789"), Map.of())) {
            HttpResponse<String> created = first.post("/api/calls", first.adminKey, "{\"scenario_id\":\"refinance-rate-shopper\"}");
            callId = json(created).get("id").asText();
            serviceKey = first.serviceKey();
            JsonNode result = json(first.post("/internal/events", serviceKey,
                    IngestionApiTest.batch(callId, IntStream.rangeClosed(1, 10).boxed().toList())));
            assertThat(result.get("stored").asInt()).isEqualTo(10);
        }
        try (ControlPlaneHarness second = ControlPlaneHarness.start(dataDir, Map.of("SPARRING_API_KEY", "sk_restart_admin_key_0123456789"), Map.of())) {
            assertThat(second.serviceKey()).as("secrets survive a restart").isEqualTo(serviceKey);
            // The media server re-sends what it never saw acknowledged, then carries on.
            JsonNode result = json(second.post("/internal/events", serviceKey,
                    IngestionApiTest.batch(callId, IntStream.rangeClosed(6, 20).boxed().toList())));
            assertThat(result.get("stored").asInt()).isEqualTo(10);
            assertThat(result.get("duplicates").asInt()).isEqualTo(5);
            JsonNode call = json(second.get("/api/calls/" + callId, second.adminKey));
            assertThat(call.get("events")).hasSize(20);
            assertThat(call.get("transcript")).hasSize(19);
            List<Long> seqs = call.get("events").findValues("seq").stream().map(JsonNode::asLong).toList();
            assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
            assertThat(call.get("state").asText()).isEqualTo("live");
        }
    }
}
