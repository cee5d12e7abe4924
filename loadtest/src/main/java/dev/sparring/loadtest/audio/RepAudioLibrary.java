package dev.sparring.loadtest.audio;

import dev.sparring.codecs.CodecException;
import dev.sparring.codecs.wav.WavReader;
import dev.sparring.loadtest.LoadTestException;
import dev.sparring.loadtest.script.CallScript;
import dev.sparring.loadtest.script.ScriptStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rep's audio for script lines, converted to μ-law 8 kHz once and cached: WAV files by path,
 * synthesised lines by text. A thousand calls running the same script share one copy.
 *
 * <p>Thread-safe. Loading blocks (file I/O, FreeTTS) and must run off event loops; the FreeTTS voice
 * is created on first use and owned by this library.
 */
public final class RepAudioLibrary implements AutoCloseable {

    private static final int MAX_FILE_NAME_CHARS = 80;

    private final Optional<Path> recordings;
    private final Map<Path, EncodedAudio> wavs = new ConcurrentHashMap<>();
    private final Map<String, EncodedAudio> spoken = new ConcurrentHashMap<>();
    private volatile SpeechSynthesizer synthesizer;

    /** A library that synthesises every line naming no WAV. */
    public RepAudioLibrary() {
        this(Optional.empty());
    }

    /**
     * @param recordings a directory of recorded lines named {@link #fileNameFor(String)}; a line that
     *     names no WAV uses its recording when there is one, and is synthesised otherwise
     */
    public RepAudioLibrary(Optional<Path> recordings) {
        this.recordings = recordings;
    }

    /**
     * The file a recording of {@code text} has in a recordings directory: the text lower-cased,
     * every run of other characters than letters and digits made one {@code -}, cut at 80
     * characters, plus {@code .wav}. "Hi Jordan, my name is Sam" → {@code hi-jordan-my-name-is-sam.wav}.
     */
    public static String fileNameFor(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > MAX_FILE_NAME_CHARS) {
            slug = slug.substring(0, MAX_FILE_NAME_CHARS).replaceAll("-$", "");
        }
        return slug + ".wav";
    }

    /** @return the recording of {@code say} in the recordings directory, if one exists */
    public Optional<Path> recordingFor(ScriptStep.Say say) {
        return recordings.map(dir -> dir.resolve(fileNameFor(say.text()))).filter(Files::isRegularFile);
    }

    /**
     * @param say a script line
     * @return its audio: the WAV when the line names one, otherwise the line synthesised
     * @throws LoadTestException if the WAV cannot be read or synthesis fails
     */
    public EncodedAudio audioFor(ScriptStep.Say say) {
        return say.wav().or(() -> recordingFor(say)).map(this::wav).orElseGet(() -> spoken(say.text()));
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
