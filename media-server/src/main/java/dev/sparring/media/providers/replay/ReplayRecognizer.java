package dev.sparring.media.providers.replay;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.SpeechToText;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.media.pipeline.audio.FrameVad;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An offline {@link SpeechToText} for calls whose words are known in advance: it really listens
 * (the codecs' energy VAD, via {@link FrameVad}, segments the incoming audio) and assigns the call script's {@code say} lines, in
 * order, to the speech segments — interim transcripts reveal the line's words as speech goes on,
 * and a final with the whole line plus end-of-speech come at each segment's end. A backchannel line
 * is only matched by a short segment. Without a script every segment yields an unrecognised final,
 * so timing still holds.
 *
 * <p>Stateless itself; each {@link Stream} owns its segmenter state and line cursor and is touched
 * only by the call's executor (callbacks are made synchronously from {@code sendAudio}).
 */
public final class ReplayRecognizer implements SpeechToText {
    private final ReplayConfig config;
    private final Optional<CallScript> script;

    public ReplayRecognizer(ReplayConfig config, Optional<CallScript> script) {
        this.config = config;
        this.script = script;
    }

    @Override
    public AudioEncoding inputEncoding() {
        return AudioEncoding.PCM16_16K;
    }

    @Override
    public Stream open(Listener listener) {
        return new ReplayStream(listener);
    }

    private final class ReplayStream implements Stream {
        private final Listener listener;
        private final FrameVad vad = new FrameVad();
        private final List<CallScript.Line> lines = script.map(CallScript::lines).orElse(List.of());
        private int nextLine;
        private boolean inSegment;
        private int voicedMs;
        private int silenceMs;
        private int interimWords;
        private int nextInterimAtMs;
        private boolean closed;

        ReplayStream(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void sendAudio(byte[] audio) {
            if (closed) {
                return;
            }
            short[] pcm = PcmBytes.toShorts(audio);
            int frameMs = pcm.length / 16;
            if (vad.voiced(pcm)) {
                if (!inSegment) {
                    inSegment = true;
                    voicedMs = 0;
                    interimWords = 0;
                    nextInterimAtMs = config.interimEveryMs();
                }
                voicedMs += frameMs;
                silenceMs = 0;
                maybeInterim();
            } else if (inSegment) {
                silenceMs += frameMs;
                if (silenceMs >= config.hangoverMs()) {
                    endSegment();
                }
            }
        }

        @Override
        public void close() {
            if (inSegment) {
                endSegment();
            }
            closed = true;
        }

        /** The line this segment is, by order, skipping a backchannel line the segment is too long for. */
        private Optional<Integer> lineForSegment() {
            int i = nextLine;
            while (i < lines.size() && lines.get(i).backchannel() && voicedMs > config.backchannelMaxMs()) {
                i++;
            }
            return i < lines.size() ? Optional.of(i) : Optional.empty();
        }

        private void maybeInterim() {
            if (voicedMs < nextInterimAtMs) {
                return;
            }
            nextInterimAtMs += config.interimEveryMs();
            lineForSegment().ifPresent(i -> {
                String[] words = lines.get(i).text().split("\\s+");
                int shown = Math.min(words.length, Math.max(1, (int) Math.ceil(voicedMs / (double) config.msPerWord())));
                if (shown != interimWords) {
                    interimWords = shown;
                    listener.onInterim(new Transcript(String.join(" ", Arrays.copyOf(words, shown)), true));
                }
            });
        }

        private void endSegment() {
            inSegment = false;
            if (voicedMs < config.minSegmentMs()) {
                return;
            }
            Optional<Integer> line = lines.isEmpty() ? Optional.empty() : lineForSegment();
            if (line.isPresent()) {
                nextLine = line.get() + 1;
                listener.onFinal(new Transcript(lines.get(line.get()).text(), true));
            } else {
                listener.onFinal(Transcript.unrecognised());
            }
            listener.onEndOfSpeech();
        }
    }
}
