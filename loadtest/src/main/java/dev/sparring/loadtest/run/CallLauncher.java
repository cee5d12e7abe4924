package dev.sparring.loadtest.run;

import dev.sparring.loadtest.twilio.CallObserver;
import dev.sparring.loadtest.twilio.CallResult;
import java.util.concurrent.CompletableFuture;

/**
 * Places one call and runs its script: through the voice webhook, the calls API, or (in tests)
 * straight at a Media Streams server. Must not block; the future fails when the call could not be
 * placed or connected.
 */
@FunctionalInterface
public interface CallLauncher {

    /**
     * @param script the call script the caller follows
     * @param observer told about the call while it runs
     * @return the call's result once it ended
     */
    CompletableFuture<CallResult> launch(String script, CallObserver observer);
}
