package dev.sparring.media.pipeline;

import java.util.Map;

final class CallStreamingTestSupport {
    private CallStreamingTestSupport() {}

    static boolean always(Map<String, Object> data) {
        return true;
    }
}
