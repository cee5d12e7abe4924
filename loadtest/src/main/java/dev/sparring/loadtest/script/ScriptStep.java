package dev.sparring.loadtest.script;

import java.nio.file.Path;
import java.util.Optional;

/** One entry of a call script's {@code rep} list. */
public sealed interface ScriptStep {

    /** @return when the step starts */
    Timing timing();

    /**
     * The rep says a line.
     *
     * @param text what is said (also the synthesis input when there is no WAV)
     * @param wav recorded audio, resolved against the scripts directory, if given
     * @param backchannel true for a short acknowledgement ("uh-huh") that must not interrupt the bot
     */
    record Say(String text, Timing timing, Optional<Path> wav, boolean backchannel) implements ScriptStep {
        public Say {
            if (text.isBlank()) {
                throw new IllegalArgumentException("a say step needs text");
            }
        }
    }

    /** The caller presses keys; each digit is one Media Streams {@code dtmf} message. */
    record Dtmf(String digits, Timing timing) implements ScriptStep {
        public Dtmf {
            if (!digits.matches("[0-9*#A-D]+")) {
                throw new IllegalArgumentException("dtmf digits must be 0-9, *, # or A-D: " + digits);
            }
        }
    }

    /** The caller hangs up: a {@code stop} message, then the socket closes. */
    record Hangup(Timing timing) implements ScriptStep {}
}
