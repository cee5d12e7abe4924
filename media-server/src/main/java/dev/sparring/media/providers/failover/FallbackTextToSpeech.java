package dev.sparring.media.providers.failover;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.PipelineException;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.TextToSpeech;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the prospect audible when its cloud voice fails: a synthesis that fails before its first
 * audio is redone by the fallback (the local voice) for that turn; one that fails part-way ends with
 * what was already heard rather than repeating it. Both voices must yield the same encoding. Every
 * failure is recorded by {@link FailoverEvents}. One instance per call; thread-safe.
 */
public final class FallbackTextToSpeech implements TextToSpeech {
    private final TextToSpeech primary;
    private final TextToSpeech fallback;
    private final String fallbackVoice;
    private final FailoverEvents failures;

    public FallbackTextToSpeech(TextToSpeech primary, TextToSpeech fallback, String fallbackVoice, FailoverEvents failures) {
        if (primary.outputEncoding() != fallback.outputEncoding()) {
            throw new PipelineException("the fallback voice yields " + fallback.outputEncoding()
                    + " but the primary yields " + primary.outputEncoding());
        }
        this.primary = primary;
        this.fallback = fallback;
        this.fallbackVoice = fallbackVoice;
        this.failures = failures;
    }

    @Override
    public AudioEncoding outputEncoding() {
        return primary.outputEncoding();
    }

    @Override
    public Synthesis synthesize(String text, String voice, Listener listener) {
        Turn turn = new Turn(text, listener);
        turn.use(primary.synthesize(text, voice, turn.primaryListener()), false);
        return turn;
    }

    /** One synthesis across primary and fallback; state guarded by {@code this}. */
    private final class Turn implements Synthesis {
        private final String text;
        private final Listener listener;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private Synthesis current;
        private boolean onFallback;
        private boolean audioFlowed;

        Turn(String text, Listener listener) {
            this.text = text;
            this.listener = listener;
        }

        /** A provider may fail inside synthesize(), so the fallback can be in use before the primary's handle arrives. */
        synchronized void use(Synthesis synthesis, boolean fallback) {
            if (fallback || !onFallback) {
                current = synthesis;
                onFallback |= fallback;
            }
        }

        /** Passes the primary's word timings on when the pipeline listens for them (heard-text cuts). */
        Listener primaryListener() {
            return new TimedListener() {
                @Override
                public void onWordTimings(java.util.List<WordTiming> words) {
                    if (!cancelled.get() && listener instanceof TimedListener timed) {
                        timed.onWordTimings(words);
                    }
                }

                @Override
                public void onAudio(byte[] audio) {
                    if (cancelled.get()) {
                        return;
                    }
                    synchronized (Turn.this) {
                        audioFlowed = true;
                    }
                    listener.onAudio(audio);
                }

                @Override
                public void onComplete() {
                    if (!cancelled.get()) {
                        listener.onComplete();
                    }
                }

                @Override
                public void onError(ProviderException error) {
                    if (!cancelled.get()) {
                        failed(error);
                    }
                }
            };
        }

        private void failed(ProviderException error) {
            boolean flowed;
            synchronized (this) {
                flowed = audioFlowed;
            }
            if (flowed) {
                failures.failed(error, "gave-up");
                listener.onComplete();
                return;
            }
            failures.failed(error, "fallback-tts");
            use(fallback.synthesize(text, fallbackVoice, new Listener() {
                @Override
                public void onAudio(byte[] audio) {
                    if (!cancelled.get()) {
                        listener.onAudio(audio);
                    }
                }

                @Override
                public void onComplete() {
                    if (!cancelled.get()) {
                        listener.onComplete();
                    }
                }

                @Override
                public void onError(ProviderException fallbackError) {
                    if (!cancelled.get()) {
                        listener.onError(fallbackError);
                    }
                }
            }), true);
            if (cancelled.get()) {
                cancel();
            }
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            Synthesis running;
            synchronized (this) {
                running = current;
            }
            if (running != null) {
                running.cancel();
            }
        }
    }
}
