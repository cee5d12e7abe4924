package dev.sparring.media.pipeline;

/**
 * A provider (STT, LLM, TTS) failed. Errors are values handed to listeners, not thrown across
 * threads; {@link #retryable()} says whether the same request may succeed if repeated.
 */
public final class ProviderException extends PipelineException {
    private final String provider;
    private final String kind;
    private final boolean retryable;

    public ProviderException(String provider, String kind, String message, boolean retryable) {
        super(message);
        this.provider = provider;
        this.kind = kind;
        this.retryable = retryable;
    }

    public ProviderException(String provider, String kind, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.kind = kind;
        this.retryable = retryable;
    }

    /** e.g. {@code freetts}, {@code deepgram}. */
    public String provider() {
        return provider;
    }

    /** e.g. {@code timeout}, {@code protocol}, {@code synthesis}. */
    public String kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }
}
