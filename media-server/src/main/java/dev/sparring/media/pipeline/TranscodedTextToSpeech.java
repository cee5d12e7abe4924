package dev.sparring.media.pipeline;

import dev.sparring.media.pipeline.audio.OutboundAudio;
import java.util.List;

/**
 * A PCM16 16 kHz voice made to yield another encoding, so it can stand in for a voice that speaks
 * the transport's encoding: the local fallback voice behind ElevenLabs {@code ulaw_8000} on a phone
 * call ({@code FallbackTextToSpeech} needs both voices to yield one encoding). The audio is
 * converted once, here, and then passes through the pipeline untouched.
 *
 * <p>Each synthesis owns one {@link OutboundAudio} (a resampler) for its own audio stream, touched
 * only by that synthesis's callbacks, which never run concurrently; its delayed tail is sent
 * before {@code onComplete}. Word timings are passed on unchanged. Stateless otherwise; thread-safe.
 */
public final class TranscodedTextToSpeech implements TextToSpeech {
    private final TextToSpeech voice;
    private final AudioEncoding target;

    private TranscodedTextToSpeech(TextToSpeech voice, AudioEncoding target) {
        if (voice.outputEncoding() != AudioEncoding.PCM16_16K) {
            throw new PipelineException("only a PCM16 16 kHz voice can be transcoded, not " + voice.outputEncoding());
        }
        if (target == AudioEncoding.PCM16_48K) {
            throw new PipelineException("cannot transcode a voice to " + target);
        }
        this.voice = voice;
        this.target = target;
    }

    /** {@code voice} yielding {@code target}: the voice itself when it already does. */
    public static TextToSpeech to(AudioEncoding target, TextToSpeech voice) {
        return voice.outputEncoding() == target ? voice : new TranscodedTextToSpeech(voice, target);
    }

    @Override
    public AudioEncoding outputEncoding() {
        return target;
    }

    @Override
    public Synthesis synthesize(String text, String voiceName, Listener listener) {
        OutboundAudio converter = new OutboundAudio(target);
        return voice.synthesize(text, voiceName, new TimedListener() {
            @Override
            public void onAudio(byte[] audio) {
                byte[] converted = converter.convert(audio, AudioEncoding.PCM16_16K);
                if (converted.length > 0) {
                    listener.onAudio(converted);
                }
            }

            @Override
            public void onComplete() {
                byte[] tail = converter.finish();
                if (tail.length > 0) {
                    listener.onAudio(tail);
                }
                listener.onComplete();
            }

            @Override
            public void onError(ProviderException error) {
                listener.onError(error);
            }

            @Override
            public void onWordTimings(List<WordTiming> words) {
                if (listener instanceof TimedListener timed) {
                    timed.onWordTimings(words);
                }
            }
        });
    }
}
