package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodedTextToSpeechTest {

    @Test
    void theLocalVoiceSpeaksMuLawForAPhoneCallConvertedOnceWithItsTail() {
        byte[] pcm = CallHarness.FREETTS.synthesizeNow("One moment please.", "kevin16");
        TextToSpeech voice = TranscodedTextToSpeech.to(AudioEncoding.MULAW_8K, new CallHarness.SynchronousTts());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> calls = new ArrayList<>();

        voice.synthesize("One moment please.", "kevin16", new TextToSpeech.Listener() {
            @Override
            public void onAudio(byte[] audio) {
                out.writeBytes(audio);
                calls.add("audio");
            }

            @Override
            public void onComplete() {
                calls.add("complete");
            }

            @Override
            public void onError(ProviderException error) {
                calls.add("error");
            }
        });

        assertThat(voice.outputEncoding()).isEqualTo(AudioEncoding.MULAW_8K);
        Resampler reference = Resampler.create(16_000, 8_000);
        short[] samples = PcmBytes.toShorts(pcm);
        short[] narrow = new short[reference.outputLengthFor(samples.length) + reference.flushLength()];
        int n = reference.process(samples, 0, samples.length, narrow, 0);
        n += reference.flush(narrow, n);
        assertThat(out.toByteArray()).isEqualTo(MuLaw.encode(java.util.Arrays.copyOf(narrow, n)));
        assertThat(calls).endsWith("audio", "complete").doesNotContain("error");
    }

    @Test
    void aVoiceAlreadyInTheEncodingIsUsedAsItIsAndOthersAreRefused() {
        TextToSpeech pcm = new CallHarness.SynchronousTts();
        assertThat(TranscodedTextToSpeech.to(AudioEncoding.PCM16_16K, pcm)).isSameAs(pcm);
        TextToSpeech mulaw = TranscodedTextToSpeech.to(AudioEncoding.MULAW_8K, pcm);
        assertThatThrownBy(() -> TranscodedTextToSpeech.to(AudioEncoding.PCM16_16K, mulaw)).isInstanceOf(PipelineException.class);
    }
}
