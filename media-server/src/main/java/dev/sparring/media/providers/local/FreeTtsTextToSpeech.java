package dev.sparring.media.providers.local;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;

/**
 * Offline speech from FreeTTS (voice {@code kevin16}, 16 kHz), as PCM16 16 kHz little-endian.
 *
 * <p>Owns a small bounded pool of daemon worker threads shared by every call (synthesis is CPU
 * work and must not run on an event loop); each worker owns its own allocated FreeTTS voice
 * (voices are not thread-safe). Finished lines go to a byte-bounded LRU cache, so a scripted line
 * is synthesised once. Listener callbacks run on a worker thread. {@link #close()} stops the pool.
 */
public final class FreeTtsTextToSpeech implements TextToSpeech, AutoCloseable {
    /** The only voice bundled with the FreeTTS jar at 16 kHz. */
    public static final String DEFAULT_VOICE = "kevin16";
    private static final String VOICES_PROPERTY = "freetts.voices";
    private static final String KEVIN_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    private final FreeTtsConfig config;
    private final AudioCache cache;
    private final ThreadPoolExecutor pool;
    private final ThreadLocal<Voice> voices = new ThreadLocal<>();
    private final ThreadLocal<String> voiceNames = new ThreadLocal<>();

    public FreeTtsTextToSpeech(FreeTtsConfig config) {
        if (System.getProperty(VOICES_PROPERTY) == null) {
            System.setProperty(VOICES_PROPERTY, KEVIN_DIRECTORY);
        }
        this.config = config;
        this.cache = new AudioCache(config.cacheBytes());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queue()), r -> {
                    Thread t = new Thread(r, "freetts-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public AudioEncoding outputEncoding() {
        return AudioEncoding.PCM16_16K;
    }

    @Override
    public Synthesis synthesize(String text, String voice, Listener listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        try {
            pool.execute(() -> run(text, voice, listener, cancelled));
        } catch (RejectedExecutionException e) {
            listener.onError(new ProviderException("freetts", "overloaded", "synthesis queue full", true, e));
        }
        return () -> cancelled.set(true);
    }

    /** Synthesises (or takes from the cache) the whole line as PCM16 16 kHz little-endian; blocking. */
    public byte[] synthesizeNow(String text, String voice) {
        String key = voice + '\u0000' + text;
        return cache.get(key).orElseGet(() -> {
            byte[] audio = render(text, voice);
            cache.put(key, audio);
            return audio;
        });
    }

    long cachedBytes() {
        return cache.bytes();
    }

    private void run(String text, String voice, Listener listener, AtomicBoolean cancelled) {
        if (cancelled.get()) {
            return;
        }
        byte[] audio;
        try {
            audio = synthesizeNow(text, voice);
        } catch (ProviderException e) {
            listener.onError(e);
            return;
        }
        int chunk = AudioEncoding.PCM16_16K.bytesFor(config.chunkMs());
        for (int offset = 0; offset < audio.length && !cancelled.get(); offset += chunk) {
            listener.onAudio(Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + chunk)));
        }
        if (!cancelled.get()) {
            listener.onComplete();
        }
    }

    private byte[] render(String text, String voiceName) {
        Voice voice = voiceFor(voiceName);
        CollectingPlayer player = new CollectingPlayer();
        voice.setAudioPlayer(player);
        if (!voice.speak(text)) {
            throw new ProviderException("freetts", "synthesis", "FreeTTS could not speak the text", false);
        }
        return player.littleEndianPcm();
    }

    private Voice voiceFor(String name) {
        Voice voice = voices.get();
        if (voice != null && name.equals(voiceNames.get())) {
            return voice;
        }
        Voice created = VoiceManager.getInstance().getVoice(name);
        if (created == null) {
            throw new ProviderException("freetts", "voice", "unknown FreeTTS voice " + name, false);
        }
        created.allocate();
        if (voice != null) {
            voice.deallocate();
        }
        voices.set(created);
        voiceNames.set(name);
        return created;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Collects what FreeTTS "plays" and converts it to PCM16 little-endian. */
    private static final class CollectingPlayer implements AudioPlayer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16_000, 16, 1, true, true);
        private float volume = 1f;

        byte[] littleEndianPcm() {
            byte[] bytes = out.toByteArray();
            if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1 || Math.round(format.getSampleRate()) != 16_000) {
                throw new ProviderException("freetts", "format", "unexpected FreeTTS format " + format, false);
            }
            if (format.isBigEndian()) {
                for (int i = 0; i + 1 < bytes.length; i += 2) {
                    byte b = bytes[i];
                    bytes[i] = bytes[i + 1];
                    bytes[i + 1] = b;
                }
            }
            return bytes;
        }

        @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void reset() { }
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) { }
        @Override public boolean end() { return true; }
        @Override public void cancel() { }
        @Override public void close() { }
        @Override public float getVolume() { return volume; }
        @Override public void setVolume(float volume) { this.volume = volume; }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() { }
        @Override public void startFirstSampleTimer() { }
        @Override public boolean write(byte[] audioData) { return write(audioData, 0, audioData.length); }

        @Override
        public boolean write(byte[] audioData, int offset, int size) {
            out.write(audioData, offset, size);
            return true;
        }

        @Override public void showMetrics() { }
    }
}
