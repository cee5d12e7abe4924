package dev.sparring.loadtest.audio;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import dev.sparring.codecs.PcmAudio;
import dev.sparring.loadtest.LoadTestException;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * Speaks rep lines with FreeTTS's {@code kevin16} voice (16 kHz PCM16 mono), fully offline.
 *
 * <p>Owns one allocated FreeTTS voice. FreeTTS voices are not thread-safe, so {@link #synthesize}
 * is serialised; it blocks for tens of milliseconds per sentence and must never run on an event
 * loop (the emulator prepares a script's audio before the call connects).
 */
public final class SpeechSynthesizer implements AutoCloseable {

    /** The voice directory FreeTTS must be told about (system property {@code freetts.voices}). */
    public static final String VOICE_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    /** The voice name. */
    public static final String VOICE = "kevin16";

    private final Voice voice;
    private final CollectingPlayer player = new CollectingPlayer();

    /**
     * Loads and allocates the voice.
     *
     * @throws LoadTestException if FreeTTS does not know the voice
     */
    public SpeechSynthesizer() {
        if (System.getProperty("freetts.voices") == null) {
            System.setProperty("freetts.voices", VOICE_DIRECTORY);
        }
        Voice loaded = VoiceManager.getInstance().getVoice(VOICE);
        if (loaded == null) {
            throw new LoadTestException("FreeTTS voice " + VOICE + " not found; freetts.voices="
                    + System.getProperty("freetts.voices"));
        }
        loaded.allocate();
        loaded.setAudioPlayer(player);
        this.voice = loaded;
    }

    /**
     * @param text what to say
     * @return the speech as PCM16 mono at the voice's rate (16 kHz)
     * @throws LoadTestException if FreeTTS fails
     */
    public synchronized PcmAudio synthesize(String text) {
        player.reset();
        if (!voice.speak(text)) {
            throw new LoadTestException("FreeTTS could not speak: " + text);
        }
        return player.take();
    }

    @Override
    public synchronized void close() {
        voice.deallocate();
    }

    /** Collects FreeTTS output in memory instead of playing it; touched under the synthesizer's lock. */
    private static final class CollectingPlayer implements AudioPlayer {

        private AudioFormat format = new AudioFormat(16_000, 16, 1, true, true);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        PcmAudio take() {
            byte[] raw = bytes.toByteArray();
            bytes.reset();
            int bytesPerSample = format.getSampleSizeInBits() / 8;
            if (bytesPerSample != 2 || format.getChannels() != 1) {
                throw new LoadTestException("unexpected FreeTTS audio format: " + format);
            }
            short[] samples = new short[raw.length / 2];
            boolean bigEndian = format.isBigEndian();
            for (int i = 0; i < samples.length; i++) {
                int hi = bigEndian ? raw[2 * i] : raw[2 * i + 1];
                int lo = (bigEndian ? raw[2 * i + 1] : raw[2 * i]) & 0xFF;
                samples[i] = (short) ((hi << 8) | lo);
            }
            return PcmAudio.mono(Math.round(format.getSampleRate()), samples);
        }

        @Override
        public void setAudioFormat(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
            bytes.reset();
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return 1f;
        }

        @Override
        public void setVolume(float volume) {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public boolean write(byte[] audio) {
            return write(audio, 0, audio.length);
        }

        @Override
        public boolean write(byte[] audio, int offset, int length) {
            bytes.write(audio, offset, length);
            return true;
        }

        @Override
        public void showMetrics() {
        }
    }
}
