package dev.sparring.media.providers.openai;

import dev.sparring.media.pipeline.PipelineException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-sent events, sans I/O: bytes in, the {@code data} of each complete event out. Follows the
 * event-stream interpretation rules of https://html.spec.whatwg.org/multipage/server-sent-events.html
 * (lines end in CRLF, LF or CR, possibly split across reads; a blank line dispatches; lines starting
 * with {@code :} are comments such as keep-alives; several {@code data} lines join with LF; one space
 * after the colon is dropped; {@code event}, {@code id} and {@code retry} are not needed here).
 *
 * <p>Not thread-safe: one instance per response, fed by its channel's event loop.
 */
final class SseDecoder {
    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean afterCr;
    private int eventBytes;

    /** @param maxEventBytes an event larger than this is a protocol error, not a memory leak */
    SseDecoder(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** Feeds the next bytes of the stream; returns the data of every event they completed, in order. */
    List<String> feed(byte[] bytes) {
        List<String> events = new ArrayList<>(2);
        for (byte b : bytes) {
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endOfLine(events);
            } else {
                if (++eventBytes > maxEventBytes) {
                    throw new SseException("server-sent event longer than " + maxEventBytes + " bytes");
                }
                line.write(b);
            }
        }
        return events;
    }

    private void endOfLine(List<String> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            if (hasData) {
                events.add(data.toString());
            }
            data.setLength(0);
            hasData = false;
            eventBytes = 0;
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }

    /** The stream broke the event-stream format. */
    static final class SseException extends PipelineException {
        SseException(String message) {
            super(message);
        }
    }
}
