package dev.sparring.media.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.media.controlplane.ControlPlaneClient;
import dev.sparring.media.controlplane.FakeControlPlane;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shipper puts on the wire has exactly the shape of the examples in docs/contract.md
 * (same field names at every level, same JSON kinds), and an event equals the shared fixture.
 */
class ContractShapeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CONTRACT = Path.of("../docs/contract.md");
    static final Path EVENTS_FIXTURE = Path.of("../config/contract/events-batch.json");
    static final String KEY = "contract-key";

    @TempDir Path outboxDir;
    FakeControlPlane cp;
    EventShipper shipper;
    final EventShipperTest.MutableClock clock = new EventShipperTest.MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @BeforeEach
    void setUp() throws IOException {
        cp = new FakeControlPlane(KEY);
        shipper = new EventShipper(new ControlPlaneClient(cp.url(), KEY, Duration.ofSeconds(2)), clock, "ms-1",
                "http://127.0.0.1:8081", Duration.ofMillis(50), Duration.ofMillis(400), outboxDir, 1 << 20,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        shipper.close();
        cp.close();
    }

    @Test
    void anEventBatchHasExactlyTheDocumentedShapeAndTheFixturesEvent() throws IOException {
        JsonNode documented = documentedExample("`POST /internal/events`");
        JsonNode fixture = JSON.readTree(Files.readString(EVENTS_FIXTURE).replace("{{call_id}}", "call-1"));
        JsonNode fixtureEvent = fixture.path("events").get(0);
        CallEventLog call = shipper.openCall("call-1");
        call.append(fixtureEvent.path("type").asText(), JSON.convertValue(fixtureEvent.path("data"),
                new TypeReference<Map<String, Object>>() { }));

        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(cp.batches).hasSize(1);
        JsonNode batch = cp.batches.get(0);
        assertThat(shape(batch)).isEqualTo(shape(documented));
        assertThat(shape(batch)).isEqualTo(shape(fixture));
        assertThat(batch.path("server_id").asText()).isEqualTo("ms-1");
        assertThat(batch.path("live_calls")).containsExactly(JSON.getNodeFactory().textNode("call-1"));
        assertThat(batch.path("events").get(0)).isEqualTo(fixtureEvent);
    }

    @Test
    void aCompletionHasExactlyTheDocumentedShape() throws IOException {
        JsonNode documented = documentedExample("`POST /internal/calls/{callId}/complete`");
        CallEventLog call = shipper.openCall("call-1");
        call.append("call.live", Map.of());
        clock.advance(Duration.ofSeconds(20));
        call.complete("hangup");

        assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(cp.completions).hasSize(1);
        JsonNode completion = cp.completions.get(0);
        assertThat(shape(completion)).isEqualTo(shape(documented));
        assertThat(shape(completion)).isEqualTo(shape(JSON.readTree(Path.of("../config/contract/complete.json").toFile())));
        assertThat(completion.path("ended_at").asText()).isEqualTo("2026-11-22T10:00:20.000Z");
    }

    /** The first ```json block after the line that introduces {@code heading} in docs/contract.md. */
    static JsonNode documentedExample(String heading) throws IOException {
        List<String> lines = Files.readAllLines(CONTRACT);
        int i = 0;
        while (!lines.get(i).startsWith(heading)) {
            i++;
        }
        while (!lines.get(i).equals("```json")) {
            i++;
        }
        StringBuilder block = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) {
            block.append(lines.get(i)).append('\n');
        }
        return JSON.readTree(block.toString());
    }

    /**
     * Field names at every level with the kind of each value; arrays by their first element.
     * An event's {@code data} is just an object: its fields depend on the event type.
     */
    static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getKey().equals("data") ? "object" : shape(field.getValue()));
            }
            return new java.util.TreeMap<>(fields);
        }
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>();
            if (!node.isEmpty()) {
                elements.add(shape(node.get(0)));
            }
            return elements;
        }
        return node.isNumber() ? "number" : node.isTextual() ? "string" : node.getNodeType().name().toLowerCase();
    }
}
