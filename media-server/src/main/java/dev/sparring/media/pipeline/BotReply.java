package dev.sparring.media.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One prospect reply as an interruptible handle: the LLM stream, the clause syntheses, the audio
 * each clause yielded (held until earlier clauses are forwarded, so playout keeps text order), and
 * the timings behind {@code turn.latency}. Owned by {@link StreamingCallPipeline}; touched only by
 * the call's executor.
 */
final class BotReply {
    final long epoch;
    final int turn;
    /** The rep's last voiced frame this reply answers, if it answers a rep turn. */
    final Optional<Long> repLastVoicedMs;
    final long turnReadyMs;
    final StringBuilder generated = new StringBuilder();
    final ClauseSplitter splitter = new ClauseSplitter();
    Optional<LanguageModel.Generation> generation = Optional.empty();
    boolean llmDone;
    long llmRequestMs = -1;
    long llmFirstTokenMs = -1;
    long ttsFirstRequestMs = -1;
    long ttsFirstAudioMs = -1;
    long firstAudioMs = -1;
    private final List<Clause> clauses = new ArrayList<>();
    private int forwarding;
    private double forwardedMs;

    private static final class Clause {
        final String text;
        final List<short[]> pending = new ArrayList<>();
        TextToSpeech.Synthesis synthesis;
        boolean done;
        double startMs = -1;
        double durationMs;

        Clause(String text) {
            this.text = text;
        }
    }

    BotReply(long epoch, int turn, Optional<Long> repLastVoicedMs, long turnReadyMs) {
        this.epoch = epoch;
        this.turn = turn;
        this.repLastVoicedMs = repLastVoicedMs;
        this.turnReadyMs = turnReadyMs;
    }

    int addClause(String text) {
        clauses.add(new Clause(text));
        return clauses.size() - 1;
    }

    void synthesis(int clause, TextToSpeech.Synthesis synthesis) {
        clauses.get(clause).synthesis = synthesis;
    }

    void audio(int clause, short[] pcm) {
        clauses.get(clause).pending.add(pcm);
    }

    void clauseDone(int clause) {
        clauses.get(clause).done = true;
    }

    /** Moves audio that may now play (in clause order) into {@code sink}. */
    void forward(java.util.function.Consumer<short[]> sink) {
        while (forwarding < clauses.size()) {
            Clause clause = clauses.get(forwarding);
            if (clause.startMs < 0) {
                clause.startMs = forwardedMs;
            }
            for (short[] pcm : clause.pending) {
                double ms = pcm.length / 16.0;
                clause.durationMs += ms;
                forwardedMs += ms;
                sink.accept(pcm);
            }
            clause.pending.clear();
            if (!clause.done) {
                return;
            }
            forwarding++;
        }
    }

    /** Everything generated was synthesised and forwarded. */
    boolean complete() {
        return llmDone && forwarding == clauses.size();
    }

    boolean hasClauses() {
        return !clauses.isEmpty();
    }

    /** After a provider error: play what was already synthesised and finish. */
    void abandon() {
        llmDone = true;
        for (Clause clause : clauses) {
            clause.done = true;
        }
    }

    void cancel() {
        generation.ifPresent(LanguageModel.Generation::cancel);
        for (Clause clause : clauses) {
            if (clause.synthesis != null && !clause.done) {
                clause.synthesis.cancel();
            }
        }
    }

    /** The clauses that reached the pacer, for cutting the text to the heard position. */
    List<HeardText.Segment> segments() {
        List<HeardText.Segment> out = new ArrayList<>();
        for (Clause clause : clauses) {
            if (clause.startMs >= 0) {
                out.add(new HeardText.Segment(clause.text, clause.startMs, clause.durationMs));
            }
        }
        return out;
    }

    String generatedText() {
        return generated.toString().strip();
    }
}
