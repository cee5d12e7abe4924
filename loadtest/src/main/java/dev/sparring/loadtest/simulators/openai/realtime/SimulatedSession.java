package dev.sparring.loadtest.simulators.openai.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.codecs.vad.EnergyVad;
import dev.sparring.codecs.vad.EnergyVadConfig;
import dev.sparring.codecs.vad.VadResult;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Realtime session on one WebSocket: the client events it accepts, its own turn detection over
 * the appended audio (the codecs' energy VAD, hangover = the session's {@code silence_duration_ms}),
 * the scripted input transcriptions, and the prospect's responses streamed as audio and transcript
 * deltas. Event shapes follow https://developers.openai.com/api/reference/resources/realtime/server-events.
 *
 * <p>Owns all session state; touched only by its channel's event loop (speech synthesis runs on
 * the simulator's synthesis thread and hands its result back to that loop).
 */
final class SimulatedSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRAME_SAMPLES = 320;

    /** Responses counted across sessions, for the response faults. */
    static final class SharedCounters {
        final AtomicInteger responses = new AtomicInteger();
        final AtomicInteger items = new AtomicInteger();
    }

    private final RealtimeSimulatorConfig config;
    private final RealtimeFaults faults;
    private final SharedCounters counters;
    private final SimulatorStats stats;
    private final ScriptLines scripts;
    private final SpeechCache speech;
    private final ProspectLines lines = new ProspectLines();
    private final String sessionId;
    private final int dropAfterDeltas;
    private final int malformedAt;

    private ChannelHandlerContext ctx;
    private int messagesSent;
    private int deltasSent;
    private ObjectNode session = JSON.createObjectNode();
    private boolean pcmu = true;
    private boolean turnDetection = true;
    private boolean createResponse = true;
    private boolean interruptResponse = true;
    private int prefixPaddingMs = 300;
    private String callId;
    private Optional<String> script = Optional.empty();

    // Turn detection.
    private Resampler toCanonical = Resampler.create(8_000, 16_000);
    private EnergyVad vad;
    private final short[] frame = new short[FRAME_SAMPLES];
    private int filled;
    private long frames;
    private boolean speaking;
    private long segmentStartMs;
    private long lastLoudMs;
    private String inputItemId;
    private String previousItemId;

    // Conversation.
    private final List<String> unvoicedCurveballs = new ArrayList<>();
    private Optional<String> repSaid = Optional.empty();
    private int prospectTurns;
    private final Map<String, Long> assistantAudioMs = new HashMap<>();
    private Response active;

    /** A response being streamed. */
    private final class Response {
        final String id;
        final String itemId;
        final long startedAt = System.nanoTime();
        String transcript = "";
        byte[] audio;
        int sentBytes;
        int sentWords;
        boolean firstDue;
        ScheduledFuture<?> timer;

        Response(String id, String itemId) {
            this.id = id;
            this.itemId = itemId;
        }
    }

    SimulatedSession(RealtimeSimulatorConfig config, RealtimeFaults faults, SharedCounters counters,
                     SimulatorStats stats, ScriptLines scripts, SpeechCache speech, String sessionId,
                     int dropAfterDeltas, int malformedAt) {
        this.config = config;
        this.faults = faults;
        this.counters = counters;
        this.stats = stats;
        this.scripts = scripts;
        this.speech = speech;
        this.sessionId = sessionId;
        this.callId = sessionId;
        this.dropAfterDeltas = dropAfterDeltas;
        this.malformedAt = malformedAt;
        this.vad = newVad(500);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        ObjectNode created = event("session.created");
        created.putObject("session").put("id", sessionId).put("object", "realtime.session").put("type", "realtime");
        send(created);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        stopStreaming();
        context.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
        switch (frame) {
            case TextWebSocketFrame text -> onText(text.text());
            case PingWebSocketFrame ping -> context.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case CloseWebSocketFrame close -> context.writeAndFlush(close.retainedDuplicate())
                    .addListener(f -> context.close());
            default -> error("invalid_request_error", "unsupported_frame", "binary frames are not accepted", null);
        }
    }

    // ---- client events ------------------------------------------------------------------------

    private void onText(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            error("invalid_request_error", "invalid_json", "The message is not valid JSON.", null);
            return;
        }
        String eventId = root.path("event_id").isTextual() ? root.get("event_id").asText() : null;
        switch (root.path("type").asText("")) {
            case "session.update" -> sessionUpdate(root.path("session"), eventId);
            case "input_audio_buffer.append" -> append(root.path("audio"), eventId);
            case "input_audio_buffer.clear" -> {
                speaking = false;
                send(event("input_audio_buffer.cleared"));
            }
            case "conversation.item.create" -> itemCreate(root.path("item"), eventId);
            case "response.create" -> {
                stats.responseRequested(root);
                startResponse(Optional.ofNullable(root.path("response").path("instructions").textValue()), eventId);
            }
            case "response.cancel" -> {
                stats.cancelled();
                if (active != null) {
                    cancel("client_cancelled");
                } else {
                    error("invalid_request_error", "response_cancel_not_active",
                            "Cancellation failed: no active response found.", eventId);
                }
            }
            case "conversation.item.truncate" -> truncate(root, eventId);
            default -> error("invalid_request_error", "invalid_value",
                    "Invalid value: '" + root.path("type").asText("") + "'.", eventId);
        }
    }

    private void sessionUpdate(JsonNode update, String eventId) {
        if (!update.isObject() || !"realtime".equals(update.path("type").asText())) {
            error("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'session.type'.",
                    eventId);
            return;
        }
        stats.sessionUpdate(update);
        session.setAll((ObjectNode) update.deepCopy());
        JsonNode input = update.path("audio").path("input");
        String format = input.path("format").path("type").asText(pcmu ? "audio/pcmu" : "audio/pcm");
        if (!format.equals("audio/pcmu") && !format.equals("audio/pcm")) {
            error("invalid_request_error", "invalid_value", "Unsupported audio format: " + format, eventId);
            return;
        }
        pcmu = format.equals("audio/pcmu");
        toCanonical = Resampler.create(pcmu ? 8_000 : 24_000, 16_000);
        JsonNode turn = input.path("turn_detection");
        if (input.has("turn_detection")) {
            turnDetection = turn.isObject();
            createResponse = turn.path("create_response").asBoolean(true);
            interruptResponse = turn.path("interrupt_response").asBoolean(true);
            prefixPaddingMs = turn.path("prefix_padding_ms").asInt(300);
            // semantic_vad has no silence setting; its "auto" eagerness waits about as long as server_vad's default.
            vad = newVad(turn.path("silence_duration_ms").asInt(500));
        }
        JsonNode tracing = update.path("tracing");
        if (tracing.isObject()) {
            callId = tracing.path("metadata").path("call_id").asText(tracing.path("group_id").asText(callId));
            script = Optional.ofNullable(tracing.path("metadata").path("script").textValue());
        }
        ObjectNode updated = event("session.updated");
        updated.set("session", session.deepCopy().put("id", sessionId).put("object", "realtime.session"));
        send(updated);
    }

    private void append(JsonNode audio, String eventId) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(audio.asText(""));
        } catch (IllegalArgumentException e) {
            error("invalid_request_error", "invalid_value", "Invalid 'audio'. Expected base64-encoded audio bytes.",
                    eventId);
            return;
        }
        stats.appended(bytes.length);
        short[] narrow = pcmu ? MuLaw.decode(bytes) : PcmBytes.toShorts(bytes);
        short[] samples = toCanonical.process(narrow);
        int offset = 0;
        while (offset < samples.length) {
            int take = Math.min(FRAME_SAMPLES - filled, samples.length - offset);
            System.arraycopy(samples, offset, frame, filled, take);
            filled += take;
            offset += take;
            if (filled == FRAME_SAMPLES) {
                filled = 0;
                onFrame(vad.process(frame, 0));
            }
        }
    }

    private void itemCreate(JsonNode item, String eventId) {
        if (!item.isObject() || !"message".equals(item.path("type").asText())) {
            error("invalid_request_error", "invalid_value", "Only message items are simulated.", eventId);
            return;
        }
        stats.itemCreated(item);
        String role = item.path("role").asText();
        String text = item.path("content").path(0).path("text").asText("");
        if (role.equals("system") && ProspectLines.isCurveball(text)) {
            unvoicedCurveballs.add(text);
        } else if (role.equals("user") && !text.isBlank()) {
            repSaid = Optional.of(text);
        }
        ObjectNode added = event("conversation.item.added");
        ObjectNode echoed = item.deepCopy();
        echoed.put("id", item.path("id").asText(newItemId())).put("object", "realtime.item").put("status", "completed");
        added.set("item", echoed);
        send(added);
    }

    private void truncate(JsonNode root, String eventId) {
        String itemId = root.path("item_id").asText("");
        long audioEndMs = root.path("audio_end_ms").asLong(-1);
        int contentIndex = root.path("content_index").asInt(-1);
        stats.truncated(new SimulatorStats.Truncation(itemId, contentIndex, audioEndMs));
        Long length = assistantAudioMs.get(itemId);
        if (length == null) {
            error("invalid_request_error", "item_not_found", "Item with item_id not found: " + itemId, eventId);
        } else if (audioEndMs < 0 || audioEndMs > length || contentIndex != 0) {
            error("invalid_request_error", "invalid_value",
                    "audio_end_ms " + audioEndMs + " is outside the item's audio of " + length + " ms", eventId);
        } else {
            assistantAudioMs.put(itemId, audioEndMs);
            ObjectNode truncated = event("conversation.item.truncated").put("item_id", itemId)
                    .put("content_index", contentIndex).put("audio_end_ms", audioEndMs);
            send(truncated);
        }
    }

    // ---- turn detection -----------------------------------------------------------------------

    private static EnergyVad newVad(int silenceMs) {
        EnergyVadConfig d = EnergyVadConfig.DEFAULTS;
        return new EnergyVad(new EnergyVadConfig(d.marginDb(), d.absoluteThresholdDbfs(), d.minimumFloorDbfs(),
                d.floorRiseTime(), d.floorFallTime(), d.onsetFrames(), Math.max(1, silenceMs / 20), d.slopeDb()));
    }

    private void onFrame(VadResult result) {
        frames++;
        long now = frames * 20;
        if (result.probability() > 0.5) {
            lastLoudMs = now;
        }
        if (!turnDetection) {
            return;
        }
        if (result.speech() && !speaking) {
            speaking = true;
            segmentStartMs = Math.max(0, now - EnergyVadConfig.DEFAULTS.onsetFrames() * 20L);
            inputItemId = newItemId();
            if (active != null && interruptResponse) {
                cancel("turn_detected");
            }
            send(event("input_audio_buffer.speech_started")
                    .put("audio_start_ms", Math.max(0, segmentStartMs - prefixPaddingMs)).put("item_id", inputItemId));
        } else if (!result.speech() && speaking) {
            speaking = false;
            segmentEnded();
        }
    }

    private void segmentEnded() {
        String itemId = inputItemId;
        send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", lastLoudMs).put("item_id", itemId));
        ObjectNode committed = event("input_audio_buffer.committed").put("item_id", itemId);
        if (previousItemId != null) {
            committed.put("previous_item_id", previousItemId);
        } else {
            committed.putNull("previous_item_id");
        }
        previousItemId = itemId;
        send(committed);
        String transcript = scripts.next(callId, script).orElse("");
        repSaid = transcript.isBlank() ? repSaid : Optional.of(transcript);
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                send(event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
                        .put("content_index", 0).put("transcript", transcript));
            }
        }, config.transcriptionLatency().toNanos(), TimeUnit.NANOSECONDS);
        if (createResponse) {
            startResponse(Optional.empty(), null);
        }
    }

    // ---- responses ----------------------------------------------------------------------------

    private void startResponse(Optional<String> instructions, String eventId) {
        if (active != null) {
            error("invalid_request_error", "conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + active.id, eventId);
            return;
        }
        int ordinal = counters.responses.incrementAndGet();
        Response r = new Response("resp_" + sessionId.substring(5) + "_" + ordinal, newItemId());
        ObjectNode created = event("response.created");
        created.putObject("response").put("id", r.id).put("object", "realtime.response").put("status", "in_progress")
                .putArray("output");
        send(created);
        if (ordinal <= faults.rateLimitedResponses()) {
            ObjectNode done = event("response.done");
            ObjectNode response = done.putObject("response").put("id", r.id).put("object", "realtime.response")
                    .put("status", "failed");
            response.putObject("status_details").put("type", "failed").putObject("error")
                    .put("type", "rate_limit_error").put("code", "rate_limit_exceeded")
                    .put("message", "Rate limit reached for " + session.path("model").asText("gpt-realtime")
                            + ". Please try again in 200ms.");
            send(done);
            return;
        }
        active = r;
        ObjectNode item = JSON.createObjectNode().put("id", r.itemId).put("object", "realtime.item")
                .put("type", "message").put("role", "assistant").put("status", "in_progress");
        item.putArray("content");
        ObjectNode added = event("response.output_item.added").put("response_id", r.id).put("output_index", 0);
        added.set("item", item);
        send(added);
        Optional<String> curveball = unvoicedCurveballs.isEmpty() ? Optional.empty()
                : Optional.of(unvoicedCurveballs.removeLast());
        unvoicedCurveballs.clear();
        r.transcript = lines.reply(instructions, curveball, repSaid, prospectTurns++);
        long delay = config.firstAudioLatency().toNanos()
                + (ordinal - faults.rateLimitedResponses() <= faults.slowCount() ? faults.firstAudioDelay().toNanos() : 0);
        speech.render(r.transcript, pcmu).whenComplete((audio, failure) -> ctx.executor().execute(() -> {
            if (active != r) {
                return;
            }
            if (failure != null) {
                fail(r, failure.getMessage());
                return;
            }
            r.audio = audio;
            if (r.firstDue) {
                beginAudio(r);
            }
        }));
        r.timer = ctx.executor().schedule(() -> {
            r.firstDue = true;
            if (r.audio != null && active == r) {
                beginAudio(r);
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void beginAudio(Response r) {
        ObjectNode part = event("response.content_part.added").put("response_id", r.id)
                .put("item_id", r.itemId).put("output_index", 0).put("content_index", 0);
        part.putObject("part").put("type", "audio").put("transcript", "");
        send(part);
        stream(r);
    }

    private void stream(Response r) {
        if (active != r || !ctx.channel().isActive()) {
            return;
        }
        int bytesPerMs = pcmu ? 8 : 48;
        int chunk = config.deltaMs() * bytesPerMs;
        int length = Math.min(chunk, r.audio.length - r.sentBytes);
        if (length > 0) {
            byte[] slice = java.util.Arrays.copyOfRange(r.audio, r.sentBytes, r.sentBytes + length);
            r.sentBytes += length;
            assistantAudioMs.put(r.itemId, (long) (r.sentBytes / bytesPerMs));
            sendTranscriptUpTo(r, (double) r.sentBytes / r.audio.length);
            send(event("response.output_audio.delta").put("response_id", r.id).put("item_id", r.itemId)
                    .put("output_index", 0).put("content_index", 0)
                    .put("delta", Base64.getEncoder().encodeToString(slice)));
            deltasSent++;
            if (dropAfterDeltas > 0 && deltasSent == dropAfterDeltas) {
                ctx.channel().close();
                return;
            }
        }
        if (r.sentBytes < r.audio.length) {
            r.timer = ctx.executor().schedule(() -> stream(r), config.deltaInterval().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        finish(r);
    }

    /** Transcript deltas keep pace with the audio: a word is sent once its share of the audio is. */
    private void sendTranscriptUpTo(Response r, double fraction) {
        String[] words = r.transcript.split(" ");
        int due = (int) Math.ceil(words.length * fraction);
        StringBuilder delta = new StringBuilder();
        for (int i = r.sentWords; i < Math.min(due, words.length); i++) {
            delta.append(i == 0 ? "" : " ").append(words[i]);
        }
        if (!delta.isEmpty()) {
            r.sentWords = Math.min(due, words.length);
            send(event("response.output_audio_transcript.delta").put("response_id", r.id).put("item_id", r.itemId)
                    .put("output_index", 0).put("content_index", 0).put("delta", delta.toString()));
        }
    }

    private void finish(Response r) {
        active = null;
        send(event("response.output_audio.done").put("response_id", r.id).put("item_id", r.itemId)
                .put("output_index", 0).put("content_index", 0));
        send(event("response.output_audio_transcript.done").put("response_id", r.id).put("item_id", r.itemId)
                .put("output_index", 0).put("content_index", 0).put("transcript", r.transcript));
        send(event("response.output_item.done").put("response_id", r.id).put("output_index", 0));
        ObjectNode done = event("response.done");
        done.putObject("response").put("id", r.id).put("object", "realtime.response").put("status", "completed");
        send(done);
        stats.completed();
    }

    private void cancel(String reason) {
        Response r = active;
        active = null;
        if (r.timer != null) {
            r.timer.cancel(false);
        }
        assistantAudioMs.put(r.itemId, (long) (r.sentBytes / (pcmu ? 8 : 48)));
        ObjectNode done = event("response.done");
        ObjectNode response = done.putObject("response").put("id", r.id).put("object", "realtime.response")
                .put("status", "cancelled");
        response.putObject("status_details").put("type", "cancelled").put("reason", reason);
        send(done);
    }

    private void fail(Response r, String message) {
        active = null;
        ObjectNode done = event("response.done");
        ObjectNode response = done.putObject("response").put("id", r.id).put("status", "failed");
        response.putObject("status_details").put("type", "failed").putObject("error").put("type", "server_error")
                .put("code", "server_error").put("message", message);
        send(done);
    }

    private void stopStreaming() {
        if (active != null && active.timer != null) {
            active.timer.cancel(false);
        }
        active = null;
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private String newItemId() {
        return "item_sim" + counters.items.incrementAndGet();
    }

    private ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("event_id", "event_" + sessionId.substring(5) + "_"
                + (messagesSent + 1));
    }

    private void error(String type, String code, String message, String eventId) {
        ObjectNode event = event("error");
        ObjectNode error = event.putObject("error").put("type", type).put("code", code).put("message", message);
        if (eventId != null) {
            error.put("event_id", eventId);
        } else {
            error.putNull("event_id");
        }
        send(event);
    }

    private void send(ObjectNode event) {
        if (!ctx.channel().isActive()) {
            return;
        }
        messagesSent++;
        if (messagesSent == malformedAt) {
            ctx.write(new TextWebSocketFrame("{\"type\": \"response.output_audio.delta\", \"delta\": "));
        }
        ctx.writeAndFlush(new TextWebSocketFrame(event.toString()));
    }
}
