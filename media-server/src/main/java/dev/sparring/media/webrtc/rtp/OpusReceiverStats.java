package dev.sparring.media.webrtc.rtp;

/**
 * Counters of an {@link OpusReceiver}, beside its jitter buffer's {@link JitterStats}.
 *
 * @param framesDelivered 20 ms frames handed to the pipeline (one per tick)
 * @param decoded frames decoded from a packet
 * @param concealed frames synthesised by Opus packet loss concealment
 * @param recoveredByFec lost frames decoded from the next packet's in-band FEC data (libopus
 *        conceals instead when that packet carries none)
 * @param silence frames of silence: idle stream, or concealment past its bound
 * @param decodeErrors packets libopus rejected (concealed instead)
 * @param otherPayloadTypes packets of another payload type (e.g. telephone-event), ignored here
 * @param jitter the jitter buffer's counters
 */
public record OpusReceiverStats(long framesDelivered, long decoded, long concealed, long recoveredByFec, long silence,
                                long decodeErrors, long otherPayloadTypes, JitterStats jitter) {
}
