package dev.sparring.media.providers.failover;

import dev.sparring.media.pipeline.LanguageModel;
import dev.sparring.media.pipeline.ProviderException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the prospect talking when its language model fails: a reply that fails before its first
 * token is retried once (when the error is retryable); if that fails too, the prospect says a short
 * in-character line instead of going silent. A failure after tokens flowed ends the reply with what
 * was said. Every failure is recorded by {@link FailoverEvents}. One instance per call; thread-safe
 * (provider callbacks may arrive on any thread).
 */
public final class RetryingLanguageModel implements LanguageModel {
    private final LanguageModel primary;
    private final String fallbackLine;
    private final FailoverEvents failures;

    /**
     * @param fallbackLine what the prospect says when the model cannot answer, e.g. the persona's
     *                     {@code reactions.unrecognised} ("Sorry, you cut out there — say that again?")
     */
    public RetryingLanguageModel(LanguageModel primary, String fallbackLine, FailoverEvents failures) {
        this.primary = primary;
        this.fallbackLine = fallbackLine;
        this.failures = failures;
    }

    @Override
    public Generation generate(Request request, Listener listener) {
        Attempt attempt = new Attempt(request, listener);
        attempt.start(1);
        return attempt;
    }

    /** One reply across its attempts; state guarded by {@code this}. */
    private final class Attempt implements Generation {
        private final Request request;
        private final Listener listener;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private Generation current;
        private int currentNumber;
        private boolean tokensFlowed;

        Attempt(Request request, Listener listener) {
            this.request = request;
            this.listener = listener;
        }

        void start(int number) {
            Generation generation = primary.generate(request, new Listener() {
                @Override
                public void onToken(String text) {
                    if (cancelled.get()) {
                        return;
                    }
                    synchronized (Attempt.this) {
                        tokensFlowed = true;
                    }
                    listener.onToken(text);
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
                        failed(number, error);
                    }
                }
            });
            synchronized (this) {
                // A model may fail inside generate(), so the retry can be running before this handle arrives.
                if (number >= currentNumber) {
                    current = generation;
                    currentNumber = number;
                }
            }
        }

        private void failed(int number, ProviderException error) {
            boolean flowed;
            synchronized (this) {
                flowed = tokensFlowed;
            }
            if (flowed) {
                failures.failed(error, "gave-up");
                listener.onComplete();
            } else if (number == 1 && error.retryable()) {
                failures.failed(error, "retried");
                start(2);
            } else {
                failures.failed(error, "fallback-line");
                for (String word : fallbackLine.split("(?<= )")) {
                    if (cancelled.get()) {
                        return;
                    }
                    listener.onToken(word);
                }
                listener.onComplete();
            }
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                Generation running;
                synchronized (this) {
                    running = current;
                }
                if (running != null) {
                    running.cancel();
                }
            }
        }
    }
}
