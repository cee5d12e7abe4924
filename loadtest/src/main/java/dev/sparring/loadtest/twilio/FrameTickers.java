package dev.sparring.loadtest.twilio;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One 20 ms timer per event loop, driving every call that lives on that loop, instead of a timer
 * per call: at a thousand calls that is 50 timer wake-ups a second per loop rather than 50,000.
 *
 * <p><b>Threading and ownership.</b> The map is shared and thread-safe; each loop's list of calls is
 * touched only on that loop. The timers die with their event loop group, which the emulator owns.
 */
final class FrameTickers {

    /** A call driven by the ticker; runs on its loop. */
    interface Tickable {

        /** @return false once the call needs no more ticks (it is then dropped) */
        boolean tick();
    }

    static final long FRAME_NANOS = 20_000_000;

    private final Map<EventLoop, LoopTicker> tickers = new ConcurrentHashMap<>();

    /** Adds a call to its loop's ticker; call on {@code loop}. */
    void register(EventLoop loop, Tickable call) {
        tickers.computeIfAbsent(loop, LoopTicker::new).calls.add(call);
    }

    private static final class LoopTicker {
        private final List<Tickable> calls = new ArrayList<>();

        LoopTicker(EventLoop loop) {
            loop.scheduleAtFixedRate(this::tickAll, FRAME_NANOS, FRAME_NANOS, TimeUnit.NANOSECONDS);
        }

        private void tickAll() {
            for (int i = 0; i < calls.size(); i++) {
                if (!calls.get(i).tick()) {
                    // Swap-remove: order between calls does not matter, and this stays O(1).
                    int last = calls.size() - 1;
                    calls.set(i, calls.get(last));
                    calls.remove(last);
                    i--;
                }
            }
        }
    }
}
