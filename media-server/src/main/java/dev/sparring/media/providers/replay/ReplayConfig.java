package dev.sparring.media.providers.replay;

import dev.sparring.media.pipeline.PipelineException;
import java.nio.file.Path;

/**
 * Settings of the replay recogniser, durations in milliseconds. The server reads them from
 * {@code config/media-server.properties} (the one place of defaults); {@link #defaults()} mirrors
 * that file for tests and embedders.
 *
 * <ul>
 *   <li>{@code scripts-dir} ({@code ./config/scripts}): where call scripts
 *       ({@code <script>.yaml}) live; read once at startup.</li>
 *   <li>{@code replay-hangover} (400 ms): silence that ends a speech segment; longer than the
 *       pauses between a line's sentences, shorter than the pipeline's end-of-turn silence.</li>
 *   <li>{@code replay-min-segment} (200 ms): voiced audio below which a segment is noise and yields nothing.</li>
 *   <li>{@code replay-interim-every} (200 ms): an interim transcript per this much voiced audio.</li>
 *   <li>{@code replay-word-duration} (300 ms, {@code msPerWord}): how fast interim transcripts reveal the line's words.</li>
 *   <li>{@code replay-backchannel-max} (1000 ms): a segment longer than this is not the backchannel
 *       line expected next; the recogniser skips that line and matches the following one.</li>
 * </ul>
 */
public record ReplayConfig(Path scriptsDir, int hangoverMs, int minSegmentMs, int interimEveryMs, int msPerWord,
                           int backchannelMaxMs) {
    public ReplayConfig {
        atLeast20("replay-hangover", hangoverMs);
        atLeast20("replay-min-segment", minSegmentMs);
        atLeast20("replay-interim-every", interimEveryMs);
        atLeast20("replay-word-duration", msPerWord);
        atLeast20("replay-backchannel-max", backchannelMaxMs);
    }

    public static ReplayConfig defaults() {
        return new ReplayConfig(Path.of("./config/scripts"), 400, 200, 200, 300, 1000);
    }

    private static void atLeast20(String key, int ms) {
        // One 20 ms frame is the recogniser's resolution; anything shorter cannot be measured.
        if (ms < 20) {
            throw new PipelineException(key + " must be >= 20 ms, was " + ms + " ms");
        }
    }
}
