package dev.sparring.loadtest.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every message the emulator sends has the shape of Twilio's documented example (fixtures in
 * {@code src/test/resources/twilio/}, transcribed from the URL each names): same fields in the same
 * order, same JSON types (sequence numbers, chunks and timestamps are strings), and the same fixed
 * values.
 */
class MediaStreamWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Paths whose values are fixed by the protocol, not per call. */
    private static final Set<String> FIXED = Set.of("event", "protocol", "version", "start.tracks",
            "start.mediaFormat", "media.track", "dtmf.track");
    private static final StreamIds IDS = new StreamIds("AC0123456789abcdef0123456789abcdef",
            "CA0123456789abcdef0123456789abcdef", "MZ0123456789abcdef0123456789abcdef");

    @Test
    void connectedMatchesTheDocumentation() throws IOException {
        JsonNode sent = parse(MediaStreamWriter.connected(new StringBuilder()));
        assertSameShape(fixture("connected"), sent);
        assertThat(sent).isEqualTo(fixture("connected"));
    }

    @Test
    void startMatchesTheDocumentation() throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("token", "v1.abc.def");
        parameters.put("Quote\"d", "line\nbreak");
        JsonNode sent = parse(MediaStreamWriter.start(new StringBuilder(), 1, IDS, parameters));
        assertSameShape(fixture("start"), sent);
        assertThat(sent.path("start").path("customParameters").path("token").asText()).isEqualTo("v1.abc.def");
        assertThat(sent.path("start").path("customParameters").path("Quote\"d").asText()).isEqualTo("line\nbreak");
        assertThat(sent.path("streamSid").asText()).isEqualTo(IDS.streamSid());
        assertThat(sent.path("start").path("callSid").asText()).isEqualTo(IDS.callSid());
    }

    @Test
    void mediaMatchesTheDocumentation() throws IOException {
        JsonNode sent = parse(MediaStreamWriter.media(new StringBuilder(), 4, IDS.streamSid(), 2, 20, "//////8="));
        assertSameShape(fixture("media-inbound"), sent);
        assertThat(sent.path("sequenceNumber").asText()).isEqualTo("4");
        assertThat(sent.path("media").path("chunk").asText()).isEqualTo("2");
        assertThat(sent.path("media").path("timestamp").asText()).isEqualTo("20");
        assertThat(sent.path("media").path("payload").asText()).isEqualTo("//////8=");
    }

    @Test
    void dtmfMarkAndStopMatchTheDocumentation() throws IOException {
        assertSameShape(fixture("dtmf"), parse(MediaStreamWriter.dtmf(new StringBuilder(), 5, IDS.streamSid(), '1')));
        JsonNode mark = parse(MediaStreamWriter.mark(new StringBuilder(), 4, IDS.streamSid(), "my label"));
        assertSameShape(fixture("mark"), mark);
        assertThat(mark.path("mark").path("name").asText()).isEqualTo("my label");
        JsonNode stop = parse(MediaStreamWriter.stop(new StringBuilder(), 5, IDS));
        assertSameShape(fixture("stop"), stop);
        assertThat(stop.path("stop").path("accountSid").asText()).isEqualTo(IDS.accountSid());
    }

    @Test
    void streamIdsLookLikeTwilioSids() {
        StreamIds ids = StreamIds.generate(EmulatorConfig.DEFAULT_ACCOUNT_SID);
        assertThat(ids.callSid()).matches("CA[0-9a-f]{32}");
        assertThat(ids.streamSid()).matches("MZ[0-9a-f]{32}");
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = MediaStreamWriterTest.class.getResourceAsStream("/twilio/" + name + ".json")) {
            JsonNode fixture = JSON.readTree(in);
            assertThat(fixture.path("source").asText()).startsWith("https://www.twilio.com/docs/");
            return fixture.path("message");
        }
    }

    private static JsonNode parse(StringBuilder text) throws IOException {
        return JSON.readTree(text.toString());
    }

    static void assertSameShape(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        compare("", expected, actual, problems);
        assertThat(problems).as("differences from the documented message").isEmpty();
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (FIXED.contains(path) && !expected.equals(actual)) {
            problems.add(path + ": expected " + expected + " but was " + actual);
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(path + ": expected a " + expected.getNodeType() + " but was " + actual.getNodeType());
            return;
        }
        if (expected.isObject() && !path.endsWith("customParameters")) {
            List<String> expectedNames = names(expected);
            List<String> actualNames = names(actual);
            if (!expectedNames.equals(actualNames)) {
                problems.add(path + ": expected fields " + expectedNames + " but were " + actualNames);
                return;
            }
            for (String name : expectedNames) {
                compare(path.isEmpty() ? name : path + "." + name, expected.get(name), actual.get(name), problems);
            }
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
