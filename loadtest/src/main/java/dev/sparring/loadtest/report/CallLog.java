package dev.sparring.loadtest.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.twilio.CallResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code calls.jsonl}: one JSON object per ended call, in the order calls end, with what the caller
 * did and heard on the call's own timeline (milliseconds since its {@code start} message). The
 * report's percentiles say how a run went; this says why one call went wrong — which step started
 * on a timeout, which bot speech a line overlapped, when each clear came.
 *
 * <p>Thread-safe: calls end on several event loops, each line is written under this object's lock.
 */
public final class CallLog implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;

    private CallLog(Writer out) {
        this.out = out;
    }

    /** Creates (or truncates) {@code file}, creating its directory. */
    public static CallLog open(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            return new CallLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoadTestException("cannot write the call log " + file + ": " + e.getMessage(), e);
        }
    }

    /** For tests and embedders: lines go to {@code out}. */
    public static CallLog to(Writer out) {
        return new CallLog(out instanceof BufferedWriter ? out : new BufferedWriter(out));
    }

    /** Appends one call's line. */
    public synchronized void write(String script, CallResult call) {
        try {
            JsonGenerator json = JSON.createGenerator(out);
            json.writeStartObject();
            json.writeStringField("script", script);
            json.writeStringField("call_sid", call.ids().callSid());
            json.writeStringField("stream_sid", call.ids().streamSid());
            json.writeStringField("started_at", call.startedAt().toString());
            json.writeNumberField("duration_ms", call.duration().toMillis());
            json.writeBooleanField("hung_up_by_caller", call.hungUpByCaller());
            json.writeArrayFieldStart("errors");
            for (String error : call.errors()) {
                json.writeString(error);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("steps");
            for (CallResult.Step step : call.sent()) {
                json.writeStartObject();
                json.writeNumberField("step", step.step());
                json.writeStringField("kind", step.kind().name().toLowerCase());
                json.writeStringField("text", step.text());
                json.writeNumberField("start_ms", step.start().toMillis());
                json.writeNumberField("end_ms", step.end().toMillis());
                json.writeNumberField("speech_start_ms", step.speechStart().toMillis());
                json.writeNumberField("speech_end_ms", step.speechEnd().toMillis());
                json.writeBooleanField("bot_speaking_at_start", step.botSpeakingAtStart());
                json.writeBooleanField("timed_out", step.timedOut());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("heard");
            for (CallResult.Heard heard : call.heard()) {
                json.writeStartObject();
                json.writeNumberField("start_ms", heard.start().toMillis());
                json.writeNumberField("end_ms", heard.end().toMillis());
                json.writeBooleanField("cut_by_clear", heard.cutByClear());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("clears");
            for (CallResult.Clear clear : call.clears()) {
                json.writeStartObject();
                json.writeNumberField("at_ms", clear.at().toMillis());
                if (clear.sinceRepSpeechOnset().isPresent()) {
                    json.writeNumberField("since_rep_speech_onset_ms", clear.sinceRepSpeechOnset().get().toMillis());
                }
                json.writeBooleanField("bot_was_speaking", clear.botWasSpeaking());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("gaps");
            for (CallResult.Gap gap : call.gaps()) {
                json.writeStartObject();
                json.writeNumberField("at_ms", gap.at().toMillis());
                json.writeNumberField("length_ms", gap.length().toMillis());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("marks_received", call.marksReceived());
            json.writeNumberField("marks_echoed", call.marks().size());
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the call log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the call log", e);
        }
    }
}
