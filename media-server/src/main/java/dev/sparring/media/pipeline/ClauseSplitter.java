package dev.sparring.media.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streamed LLM text into clauses for TTS: always after sentence ends ({@code . ! ? ;}) and
 * after a comma, colon or dash once the clause holds {@value #MIN_COMMA_CLAUSE_CHARS} characters,
 * so the first audio can start at the first clause instead of the end of the reply.
 * Owns its text buffer; one per reply, touched only by the call's executor.
 */
public final class ClauseSplitter {
    /** Shorter comma clauses are kept together: TTS prosody suffers on fragments. */
    static final int MIN_COMMA_CLAUSE_CHARS = 24;
    private final StringBuilder buffer = new StringBuilder();

    /** Appends streamed text; returns the clauses completed by it (possibly none). */
    public List<String> add(String text) {
        buffer.append(text);
        List<String> out = new ArrayList<>(1);
        int cut;
        while ((cut = nextCut()) > 0) {
            String clause = buffer.substring(0, cut).strip();
            buffer.delete(0, cut);
            if (!clause.isEmpty()) {
                out.add(clause);
            }
        }
        return out;
    }

    /** The remaining text as a last clause, if any. */
    public List<String> flush() {
        String rest = buffer.toString().strip();
        buffer.setLength(0);
        return rest.isEmpty() ? List.of() : List.of(rest);
    }

    /** Index just after a boundary that is followed by whitespace, or -1. */
    private int nextCut() {
        for (int i = 0; i + 1 < buffer.length(); i++) {
            char c = buffer.charAt(i);
            if (!Character.isWhitespace(buffer.charAt(i + 1))) {
                continue;
            }
            boolean sentenceEnd = c == '.' || c == '!' || c == '?' || c == ';';
            boolean softEnd = (c == ',' || c == ':' || c == '—' || c == '-') && i + 1 >= MIN_COMMA_CLAUSE_CHARS;
            if (sentenceEnd || softEnd) {
                return i + 1;
            }
        }
        return -1;
    }
}
