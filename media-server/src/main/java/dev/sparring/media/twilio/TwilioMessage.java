package dev.sparring.media.twilio;

import java.util.List;
import java.util.Map;

/**
 * Twilio Media Streams WebSocket messages
 * (https://www.twilio.com/docs/voice/media-streams/websocket-messages).
 * {@link Inbound} ones come from Twilio, {@link Outbound} ones are sent to it on a bidirectional
 * ({@code <Connect><Stream>}) stream.
 */
public sealed interface TwilioMessage {

    /** Messages Twilio sends. */
    sealed interface Inbound extends TwilioMessage {}

    /** Messages we send. Every one names the stream. */
    sealed interface Outbound extends TwilioMessage {
        String streamSid();
    }

    /** First message on a socket. */
    record Connected(String protocol, String version) implements Inbound {}

    /** Stream metadata; sent once, right after {@code connected}. */
    record Start(long sequenceNumber, String streamSid, String accountSid, String callSid,
                 List<String> tracks, Map<String, String> customParameters, MediaFormat mediaFormat)
            implements Inbound {}

    /** Audio format of {@code media} payloads; Twilio uses audio/x-mulaw, 8000 Hz, 1 channel. */
    record MediaFormat(String encoding, int sampleRate, int channels) {
        public static final MediaFormat MULAW_8K = new MediaFormat("audio/x-mulaw", 8000, 1);
    }

    /**
     * One chunk of caller audio.
     *
     * @param chunk     1 for the first media message, +1 for each next one (gaps mean lost frames)
     * @param timestamp milliseconds since the stream started
     * @param payload   raw μ-law bytes (base64-decoded)
     */
    record Media(long sequenceNumber, String streamSid, String track, long chunk, long timestamp, byte[] payload)
            implements Inbound {}

    /** A key the caller pressed. */
    record Dtmf(long sequenceNumber, String streamSid, String track, String digit) implements Inbound {}

    /** A mark we sent has been played (or flushed by {@code clear}). */
    record Mark(long sequenceNumber, String streamSid, String name) implements Inbound {}

    /** The stream ended (hang-up or {@code <Stop>}). */
    record Stop(long sequenceNumber, String streamSid, String accountSid, String callSid) implements Inbound {}

    /** Audio for the caller, μ-law 8 kHz; encoded as base64. */
    record OutboundMedia(String streamSid, byte[] payload) implements Outbound {}

    /** Ask Twilio to echo {@code name} once the audio sent before it has played. */
    record OutboundMark(String streamSid, String name) implements Outbound {}

    /** Drop the audio buffered at Twilio; pending marks come back at once. */
    record Clear(String streamSid) implements Outbound {}
}
