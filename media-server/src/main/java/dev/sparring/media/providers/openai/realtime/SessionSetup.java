package dev.sparring.media.providers.openai.realtime;

import dev.sparring.media.pipeline.AudioEncoding;
import java.util.Objects;
import java.util.Optional;

/**
 * What one call's Realtime session is configured with.
 *
 * @param callId       the call (trace group)
 * @param instructions the persona prompt ({@code CallSession.prompt()})
 * @param voice        the persona's {@code openai} voice, or the configured default
 * @param encoding     the transport's encoding: {@code MULAW_8K} → {@code audio/pcmu} both ways;
 *                     PCM → {@code audio/pcm} (24 kHz, resampled by the pipeline)
 * @param script       the call script name, sent in the trace metadata (the simulator answers from it)
 */
public record SessionSetup(String callId, String instructions, String voice, AudioEncoding encoding,
                           Optional<String> script) {
    public SessionSetup {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(script, "script");
    }

    /** @return true when audio goes as G.711 μ-law 8 kHz ({@code audio/pcmu}) */
    public boolean pcmu() {
        return encoding == AudioEncoding.MULAW_8K;
    }
}
