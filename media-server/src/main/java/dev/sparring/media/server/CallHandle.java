package dev.sparring.media.server;

import dev.sparring.media.pipeline.Injection;

/** What the server may ask of a call it hosts; implementations hop onto the call's executor. */
public interface CallHandle {
    String callId();

    String orgId();

    /** Hands a coach's injection to the call's pipeline (queued until the pipeline runs). */
    void inject(Injection injection);

    /** Ends the call with a contract reason ({@code drain}, {@code max-duration}, …) and closes its transport. */
    void stop(String reason);
}
