package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.ProviderException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Collects what a synthesis delivers; callbacks come on an event loop, assertions on the test thread. */
final class RecordingListener implements AlignmentListener {
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final List<TimedWord> words = new ArrayList<>();
    private final Consumer<RecordingListener> onFirstAudio;
    private int chunks;
    private boolean complete;
    private ProviderException error;

    RecordingListener() {
        this(l -> { });
    }

    RecordingListener(Consumer<RecordingListener> onFirstAudio) {
        this.onFirstAudio = onFirstAudio;
    }

    @Override
    public void onAudio(byte[] bytes) {
        boolean first;
        synchronized (this) {
            audio.writeBytes(bytes);
            first = chunks++ == 0;
        }
        if (first) {
            onFirstAudio.accept(this);
        }
    }

    @Override
    public synchronized void onComplete() {
        complete = true;
    }

    @Override
    public synchronized void onError(ProviderException e) {
        error = e;
    }

    @Override
    public synchronized void onWordTimings(WordTimings timings) {
        words.addAll(timings.words());
    }

    synchronized boolean complete() {
        return complete;
    }

    synchronized boolean ended() {
        return complete || error != null;
    }

    synchronized Optional<ProviderException> error() {
        return Optional.ofNullable(error);
    }

    synchronized byte[] audio() {
        return audio.toByteArray();
    }

    synchronized int chunks() {
        return chunks;
    }

    synchronized List<TimedWord> words() {
        return List.copyOf(words);
    }
}
