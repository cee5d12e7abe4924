package dev.sparring.loadtest.audio;

import dev.sparring.codecs.CodecException;
import dev.sparring.codecs.wav.WavReader;
import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.ScriptStep;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rep's audio for script lines, converted to μ-law 8 kHz once and cached: WAV files by path,
 * synthesised lines by text. A thousand calls running the same script share one copy.
 *
 * <p>Thread-safe. Loading blocks (file I/O, FreeTTS) and must run off event loops; the FreeTTS voice
 * is created on first use and owned by this library.
 */
public final class RepAudioLibrary implements AutoCloseable {

    private final Map<Path, EncodedAudio> wavs = new ConcurrentHashMap<>();
    private final Map<String, EncodedAudio> spoken = new ConcurrentHashMap<>();
    private volatile SpeechSynthesizer synthesizer;

    /**
     * @param say a script line
     * @return its audio: the WAV when the line names one, otherwise the line synthesised
     * @throws LoadTestException if the WAV cannot be read or synthesis fails
     */
    public EncodedAudio audioFor(ScriptStep.Say say) {
        return say.wav().map(this::wav).orElseGet(() -> spoken(say.text()));
    }

    /**
     * Loads every line of a script (blocking).
     *
     * @return each say step of the script (by identity) mapped to its audio
     */
    public Map<ScriptStep.Say, EncodedAudio> prepare(CallScript script) {
        Map<ScriptStep.Say, EncodedAudio> audio = new IdentityHashMap<>();
        for (ScriptStep step : script.steps()) {
            if (step instanceof ScriptStep.Say say) {
                audio.put(say, audioFor(say));
            }
        }
        return audio;
    }

    /** @return the WAV file converted to μ-law 8 kHz mono (cached by path) */
    public EncodedAudio wav(Path path) {
        return wavs.computeIfAbsent(path.toAbsolutePath().normalize(), p -> {
            try {
                return EncodedAudio.fromPcm(WavReader.read(p).audio());
            } catch (CodecException e) {
                throw new LoadTestException("cannot use rep audio " + p + ": " + e.getMessage(), e);
            }
        });
    }

    /** @return {@code text} spoken by FreeTTS kevin16, as μ-law 8 kHz (cached by text) */
    public EncodedAudio spoken(String text) {
        return spoken.computeIfAbsent(text, t -> EncodedAudio.fromPcm(synthesizer().synthesize(t)));
    }

    private SpeechSynthesizer synthesizer() {
        SpeechSynthesizer current = synthesizer;
        if (current == null) {
            synchronized (this) {
                current = synthesizer;
                if (current == null) {
                    current = new SpeechSynthesizer();
                    synthesizer = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (synthesizer != null) {
            synthesizer.close();
            synthesizer = null;
        }
    }
}
