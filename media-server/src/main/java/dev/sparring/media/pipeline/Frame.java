package dev.sparring.media.pipeline;

/**
 * What flows through a call's pipeline. {@link SystemFrame}s are never dropped by an
 * interruption; {@link DataFrame}s carry the epoch of the reply that produced them and are dropped
 * once the call's epoch has moved past it (an interruption or a newer reply).
 * Frames are immutable, except that audio arrays are handed over and never modified afterwards.
 */
public sealed interface Frame {

    sealed interface SystemFrame extends Frame {}

    sealed interface DataFrame extends Frame {
        long epoch();
    }

    /** 20 ms of caller audio as PCM16 16 kHz, with the VAD's verdict. */
    record InputAudio(short[] pcm, boolean voiced, long atMs) implements SystemFrame {}

    record UserStartedSpeaking(long atMs) implements SystemFrame {}

    /** The VAD saw {@code end-of-turn-silence} after the last voiced frame. */
    record UserStoppedSpeaking(long lastVoicedMs) implements SystemFrame {}

    /** The recogniser's transcript (rep speech is never dropped by an interruption). */
    record UserTranscript(String text, boolean recognised, boolean isFinal) implements SystemFrame {}

    /** The recogniser's end-of-speech signal. */
    record UserEndOfSpeech() implements SystemFrame {}

    record Interruption(long newEpoch, long atMs) implements SystemFrame {}

    record BotStartedSpeaking(long epoch, long atMs) implements SystemFrame {}

    record BotStoppedSpeaking(long epoch, long atMs) implements SystemFrame {}

    record ProviderError(ProviderException error) implements SystemFrame {}

    record Dtmf(String digit) implements SystemFrame {}

    record InjectionReceived(Injection injection) implements SystemFrame {}

    record LlmToken(long epoch, String text) implements DataFrame {}

    record LlmDone(long epoch) implements DataFrame {}

    /**
     * Synthesised audio of clause {@code segment} of the reply, in {@code encoding}: PCM16 16 kHz,
     * or the transport's own encoding, which is played without transcoding.
     */
    record TtsAudio(long epoch, int segment, byte[] audio, AudioEncoding encoding) implements DataFrame {}

    /** Word timings of clause {@code segment}, on that clause's audio time line. */
    record TtsWords(long epoch, int segment, java.util.List<TextToSpeech.WordTiming> words) implements DataFrame {
        public TtsWords {
            words = java.util.List.copyOf(words);
        }
    }

    record TtsDone(long epoch, int segment) implements DataFrame {}

    /** A data-frame provider failure: dropped with its reply if that was interrupted. */
    record ReplyError(long epoch, ProviderException error) implements DataFrame {}
}
