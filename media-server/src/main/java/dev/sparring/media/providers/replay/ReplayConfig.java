package dev.sparring.media.providers.replay;

import dev.sparring.media.pipeline.PipelineException;
import java.nio.file.Path;

/**
 * Settings of the replay recogniser.
 *
 * <ul>
 *   <li>{@code scripts-dir} ({@code config/scripts}): where call scripts live.</li>
 *   <li>{@code replay-hangover} (400 ms): silence that ends a speech segment; longer than the
 *       pauses between a line's sentences, shorter than the pipeline's end-of-turn silence.</li>
 *   <li>{@code replay-min-segment} (200 ms): voiced audio below which a segment is noise and yields nothing.</li>
 *   <li>{@code replay-interim-every} (200 ms): an interim transcript per this much voiced audio.</li>
 *   <li>{@code replay-ms-per-word} (300 ms): how fast interim transcripts reveal the line's words.</li>
 *   <li>{@code replay-backchannel-max} (1000 ms): a segment longer than this is not the backchannel
 *       line expected next; the recogniser skips that line and matches the following one.</li>
 * </ul>
 */
public record ReplayConfig(Path scriptsDir, int hangoverMs, int minSegmentMs, int interimEveryMs, int msPerWord,
                           int backchannelMaxMs) {
    public ReplayConfig {
        if (hangoverMs < 20 || minSegmentMs < 20 || interimEveryMs < 20 || msPerWord < 20 || backchannelMaxMs < 20) {
            throw new PipelineException("replay recogniser durations must be >= 20 ms");
        }
    }

    public static ReplayConfig defaults() {
        return new ReplayConfig(Path.of("config/scripts"), 400, 200, 200, 300, 1000);
    }
}
