package dev.sparring.loadtest.simulators.elevenlabs;

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
 * Turns text into {@link RenderedSpeech} with FreeTTS ({@code kevin16}, 16 kHz), converted to the
 * requested output format. FreeTTS gives no character timings, so each character gets an equal share
 * of the spoken audio: good enough to map heard milliseconds to words.
 *
 * <p>Owns the FreeTTS voice (created on first use) and a small LRU cache of renderings, so a load
 * test that repeats a script's lines synthesises each once. Synthesis runs on the executor handed in
 * (never on an event loop); the cache is guarded by this object's lock.
 */
final class SpeechRenderer implements AutoCloseable {
    private static final int CACHE_ENTRIES = 256;

    private final ExecutorService executor;
    private final Map<String, CompletableFuture<RenderedSpeech>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<RenderedSpeech>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };
    private SpeechSynthesizer synthesizer;

    SpeechRenderer(ExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Renders asynchronously; the future completes on a synthesis thread. Requests for a text that
     * is already being rendered share that rendering: a load test's calls ask for the same lines at
     * about the same time, and one synthesis thread must not render each of them again.
     */
    CompletableFuture<RenderedSpeech> render(String text, SimulatedFormat format) {
        String key = format.wireName() + '\u0000' + text;
        CompletableFuture<RenderedSpeech> rendering;
        synchronized (this) {
            rendering = cache.get(key);
            if (rendering != null) {
                return rendering;
            }
            rendering = CompletableFuture.supplyAsync(() -> renderNow(text, format), executor);
            cache.put(key, rendering);
        }
        CompletableFuture<RenderedSpeech> mine = rendering;
        rendering.whenComplete((speech, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    cache.remove(key, mine);
                }
            }
        });
        return rendering;
    }

    private RenderedSpeech renderNow(String text, SimulatedFormat format) {
        PcmAudio pcm = synthesizer().synthesize(text);
        short[] samples = pcm.sampleRate() == format.sampleRate()
                ? pcm.samples()
                : resample(pcm.samples(), pcm.sampleRate(), format.sampleRate());
        byte[] audio = format == SimulatedFormat.ULAW_8000 ? MuLaw.encode(samples) : PcmBytes.toBytes(samples);
        return withTimings(text, audio, format);
    }

    private static short[] resample(short[] samples, int from, int to) {
        Resampler resampler = Resampler.create(from, to);
        short[] body = resampler.process(samples);
        short[] tail = new short[resampler.flushLength()];
        int n = resampler.flush(tail, 0);
        short[] all = new short[body.length + n];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(tail, 0, all, body.length, n);
        return all;
    }

    private static RenderedSpeech withTimings(String text, byte[] audio, SimulatedFormat format) {
        int n = text.length();
        int[] starts = new int[n];
        int[] durations = new int[n];
        double total = format.millisOf(audio.length);
        double each = n == 0 ? 0 : total / n;
        for (int i = 0; i < n; i++) {
            starts[i] = (int) Math.floor(i * each);
            durations[i] = (int) Math.floor((i + 1) * each) - starts[i];
        }
        return new RenderedSpeech(audio, format, text, starts, durations);
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
