package dev.sparring.loadtest.simulators.openai.realtime;

import dev.sparring.codecs.PcmAudio;
import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.loadtest.audio.SpeechSynthesizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Real FreeTTS speech ({@code kevin16}, 16 kHz) in a Realtime output format: {@code audio/pcmu}
 * (μ-law 8 kHz) or {@code audio/pcm} (PCM16 24 kHz). Synthesis runs on the executor handed in,
 * never on an event loop; a small LRU cache (guarded by this object's lock) means a load test that
 * repeats lines synthesises each once. Owns the voice, created on first use.
 */
final class SpeechCache implements AutoCloseable {
    private static final int ENTRIES = 256;

    private final ExecutorService executor;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > ENTRIES;
        }
    };
    private SpeechSynthesizer synthesizer;

    SpeechCache(ExecutorService executor) {
        this.executor = executor;
    }

    /** @param pcmu true for μ-law 8 kHz, false for PCM16 24 kHz */
    CompletableFuture<byte[]> render(String text, boolean pcmu) {
        return CompletableFuture.supplyAsync(() -> renderNow(text, pcmu), executor);
    }

    private byte[] renderNow(String text, boolean pcmu) {
        String key = (pcmu ? "u:" : "p:") + text;
        synchronized (this) {
            byte[] cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        PcmAudio pcm = synthesizer().synthesize(text);
        short[] samples = resample(pcm.samples(), pcm.sampleRate(), pcmu ? 8_000 : 24_000);
        byte[] audio = pcmu ? MuLaw.encode(samples) : PcmBytes.toBytes(samples);
        synchronized (this) {
            cache.put(key, audio);
        }
        return audio;
    }

    private static short[] resample(short[] samples, int from, int to) {
        if (from == to) {
            return samples;
        }
        Resampler resampler = Resampler.create(from, to);
        short[] body = resampler.process(samples);
        short[] tail = new short[resampler.flushLength()];
        int n = resampler.flush(tail, 0);
        short[] all = new short[body.length + n];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(tail, 0, all, body.length, n);
        return all;
    }

    private synchronized SpeechSynthesizer synthesizer() {
        if (synthesizer == null) {
            synthesizer = new SpeechSynthesizer();
        }
        return synthesizer;
    }

    @Override
    public synchronized void close() {
        if (synthesizer != null) {
            synthesizer.close();
            synthesizer = null;
        }
    }
}
