package dev.sparring.loadtest.script;

import java.time.Duration;

/** When a scripted step starts, relative to the prospect's (bot's) audio as heard by the caller. */
public sealed interface Timing {

    /** Default pause after the bot stops speaking, from the call-script format. */
    Duration DEFAULT_PAUSE = Duration.ofMillis(700);

    /**
     * Starts once the bot's audio has been silent at the caller for {@code pause}, after the bot
     * spoke at least once since the previous rep line ended.
     */
    record AfterBot(Duration pause) implements Timing {
        public AfterBot {
            if (pause.isNegative()) {
                throw new IllegalArgumentException("pause must not be negative: " + pause);
            }
        }
    }

    /**
     * Starts {@code offset} after the bot's current utterance started playing at the caller: a
     * barge-in (or a backchannel when the step says so).
     */
    record DuringBot(Duration offset) implements Timing {
        public DuringBot {
            if (offset.isNegative()) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
        }
    }

    /** @return the default timing: after the bot, 700 ms pause */
    static Timing afterBot() {
        return new AfterBot(DEFAULT_PAUSE);
    }
}
