package dev.sparring.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.loadtest.twilio.CallResult;
import dev.sparring.loadtest.twilio.SentStep;
import dev.sparring.loadtest.twilio.StreamIds;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesOneLinePerCallWithItsStepsHeardSpeechAndClears() throws Exception {
        CallResult call = new CallResult(new StreamIds("AC1", "CA1", "MZ1"), Instant.parse("2026-11-23T04:00:00Z"),
                Duration.ofSeconds(30),
                List.of(new CallResult.Step(0, SentStep.Kind.SAY, "Hi \"Dana\"", ms(1000), ms(4000), ms(1100), ms(3900),
                                false, false),
                        new CallResult.Step(1, SentStep.Kind.HANGUP, "", ms(15000), ms(15000), ms(15000), ms(15000),
                                false, true)),
                List.of(new CallResult.Heard(ms(4600), ms(7000), true)),
                List.of(new CallResult.Gap(ms(5000), ms(60))),
                List.of(new CallResult.Clear(ms(7000), Optional.of(ms(280)), 800, 2, true),
                        new CallResult.Clear(ms(9000), Optional.empty(), 0, 0, false)),
                List.of(), List.of(), 1500, 12, 9600, true, List.of("step 1 timed out"));
        StringWriter out = new StringWriter();
        try (CallLog log = CallLog.to(out)) {
            log.write("saas-discovery-pilot", call);
            log.write("refinance-happy-path", call);
        }

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.getFirst());
        assertThat(first.get("script").asText()).isEqualTo("saas-discovery-pilot");
        assertThat(first.get("call_sid").asText()).isEqualTo("CA1");
        assertThat(first.get("duration_ms").asLong()).isEqualTo(30_000);
        assertThat(first.get("errors").get(0).asText()).isEqualTo("step 1 timed out");
        assertThat(first.get("steps")).hasSize(2);
        assertThat(first.get("steps").get(0).get("text").asText()).isEqualTo("Hi \"Dana\"");
        assertThat(first.get("steps").get(0).get("speech_end_ms").asLong()).isEqualTo(3900);
        assertThat(first.get("steps").get(1).get("kind").asText()).isEqualTo("hangup");
        assertThat(first.get("steps").get(1).get("timed_out").asBoolean()).isTrue();
        assertThat(first.get("heard").get(0).get("cut_by_clear").asBoolean()).isTrue();
        assertThat(first.get("clears").get(0).get("since_rep_speech_onset_ms").asLong()).isEqualTo(280);
        assertThat(first.get("clears").get(1).has("since_rep_speech_onset_ms")).isFalse();
        assertThat(first.get("gaps").get(0).get("length_ms").asLong()).isEqualTo(60);
        assertThat(first.get("marks_received").asLong()).isEqualTo(12);
        assertThat(JSON.readTree(lines.get(1)).get("script").asText()).isEqualTo("refinance-happy-path");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
