package dev.sparring.media.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One prospect reply as an interruptible handle: the LLM stream, the clause syntheses, the audio
 * each clause yielded (held until earlier clauses are forwarded, so playout keeps text order) with
 * its word timings, and the timings behind {@code turn.latency}. Owned by
 * {@link StreamingCallPipeline}; touched only by the call's executor.
 *
 * <p>Latency stamps are microseconds of the call's clock ({@code -1} until they happen); provider
 * events are stamped when their callback arrived, before the hop onto the call's executor, so the
 * server's own share of the latency includes that hop.
 */
final class BotReply {
    final long epoch;
    final int turn;
    /** The rep's last voiced frame this reply answers, if it answers a rep turn. */
    final Optional<Long> repLastVoicedMs;
    /** When the rep's last final transcript arrived, if the turn had one. */
    final Optional<Long> sttFinalUs;
    /** When the event that completed the rep's turn arrived (a final, end of speech, silence or a timer). */
    final long turnReadyUs;
    final StringBuilder generated = new StringBuilder();
    final ClauseSplitter splitter = new ClauseSplitter();
    Optional<LanguageModel.Generation> generation = Optional.empty();
    boolean llmDone;
    long llmRequestUs = -1;
    long llmFirstTokenUs = -1;
    long ttsFirstRequestUs = -1;
    long ttsFirstAudioUs = -1;
    long firstFrameUs = -1;
    /** When the first audio frame went out, on the call's millisecond clock. */
    long firstAudioMs = -1;
    private final List<Clause> clauses = new ArrayList<>();
    private int forwarding;
    private double forwardedMs;

    /** A chunk of synthesised audio in its own encoding. */
    record Chunk(byte[] audio, AudioEncoding encoding) {
        double millis() {
            return encoding.millisOf(audio.length);
        }
    }

    private static final class Clause {
        final String text;
        final List<Chunk> pending = new ArrayList<>();
        final List<TextToSpeech.WordTiming> words = new ArrayList<>();
        TextToSpeech.Synthesis synthesis;
        boolean done;
        double startMs = -1;
        double durationMs;

        Clause(String text) {
            this.text = text;
        }
    }

    BotReply(long epoch, int turn, Optional<Long> repLastVoicedMs, Optional<Long> sttFinalUs, long turnReadyUs) {
        this.epoch = epoch;
        this.turn = turn;
        this.repLastVoicedMs = repLastVoicedMs;
        this.sttFinalUs = sttFinalUs;
        this.turnReadyUs = turnReadyUs;
    }

    int addClause(String text) {
        clauses.add(new Clause(text));
        return clauses.size() - 1;
    }

    void synthesis(int clause, TextToSpeech.Synthesis synthesis) {
        clauses.get(clause).synthesis = synthesis;
    }

    void audio(int clause, byte[] audio, AudioEncoding encoding) {
        clauses.get(clause).pending.add(new Chunk(audio, encoding));
    }

    void words(int clause, List<TextToSpeech.WordTiming> words) {
        clauses.get(clause).words.addAll(words);
    }

    void clauseDone(int clause) {
        clauses.get(clause).done = true;
    }

    /** Moves audio that may now play (in clause order) into {@code sink}. */
    void forward(java.util.function.Consumer<Chunk> sink) {
        while (forwarding < clauses.size()) {
            Clause clause = clauses.get(forwarding);
            if (clause.startMs < 0) {
                clause.startMs = forwardedMs;
            }
            for (Chunk chunk : clause.pending) {
                double ms = chunk.millis();
                clause.durationMs += ms;
                forwardedMs += ms;
                sink.accept(chunk);
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
                out.add(new HeardText.Segment(clause.text, clause.startMs, clause.durationMs, clause.words));
            }
        }
        return out;
    }

    String generatedText() {
        return generated.toString().strip();
    }
}
