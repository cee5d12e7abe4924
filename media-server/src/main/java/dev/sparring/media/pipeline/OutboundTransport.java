package dev.sparring.media.pipeline;

/** Outbound side of a transport. Called only on the call's executor thread. */
public interface OutboundTransport {
    /** One chunk of audio for the caller, in the transport's encoding (Twilio: μ-law 8 kHz, 20..100 ms). */
    void sendAudio(byte[] payload);

    /** A named marker after the audio sent so far; the transport reports it back via CallPipeline.onMarkPlayed. */
    void sendMark(String name);

    /** Drop everything buffered at the far end (Twilio {@code clear}); pending marks are then reported played. */
    void sendClear();

    /** The encoding this transport sends and receives. */
    AudioEncoding encoding();
}
