package dev.sparring.media.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.PcmBytes;
import dev.sparring.codecs.resample.Resampler;
import dev.sparring.media.pipeline.AudioEncoding;
import org.junit.jupiter.api.Test;

class OutboundAudioTest {
    private static final int TAIL = (int) Resampler.create(16_000, 8_000).delayOutputSamples();

    static short[] tone(int samples, int rate) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / (double) rate));
        }
        return pcm;
    }

    @Test
    void audioInTheTransportsEncodingPassesThroughUntouched() {
        OutboundAudio out = new OutboundAudio(AudioEncoding.MULAW_8K);
        byte[] mulaw = MuLaw.encode(tone(800, 8_000));

        assertThat(out.convert(mulaw, AudioEncoding.MULAW_8K)).isSameAs(mulaw);
        assertThat(out.finish()).as("nothing was resampled, so there is no tail").isEmpty();
    }

    @Test
    void pcmIsResampledOnceAndItsTailPrecedesFollowingPassThroughAudio() {
        OutboundAudio out = new OutboundAudio(AudioEncoding.MULAW_8K);
        short[] pcm = tone(3_200, 16_000);
        byte[] mulaw = MuLaw.encode(tone(400, 8_000));

        byte[] resampled = out.convert(PcmBytes.toBytes(pcm), AudioEncoding.PCM16_16K);
        byte[] joined = out.convert(mulaw, AudioEncoding.MULAW_8K);

        // One resampler run over the whole PCM and its flush gives the reference samples.
        Resampler reference = Resampler.create(16_000, 8_000);
        short[] whole = new short[1_600 + reference.flushLength()];
        int n = reference.process(pcm, 0, pcm.length, whole, 0);
        n += reference.flush(whole, n);
        byte[] expected = MuLaw.encode(java.util.Arrays.copyOf(whole, n));

        assertThat(resampled).hasSize(1_600);
        int tail = joined.length - mulaw.length;
        assertThat(tail).isEqualTo(n - 1_600).isBetween(TAIL, TAIL + 1);
        assertThat(java.util.Arrays.copyOfRange(joined, tail, joined.length)).isEqualTo(mulaw);
        byte[] actual = java.util.Arrays.copyOf(resampled, n);
        System.arraycopy(joined, 0, actual, resampled.length, tail);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void muLawOnAPcmTransportIsDecodedAndUpsampled() {
        OutboundAudio out = new OutboundAudio(AudioEncoding.PCM16_16K);
        byte[] frame = MuLaw.encode(tone(160, 8_000));

        assertThat(out.convert(frame, AudioEncoding.MULAW_8K)).hasSize(640);
        assertThat(out.convert(frame, AudioEncoding.MULAW_8K)).hasSize(640);
        assertThat(out.finish()).isNotEmpty();
        assertThat(OutboundAudio.supports(AudioEncoding.MULAW_8K, AudioEncoding.PCM16_16K)).isTrue();
        assertThat(OutboundAudio.supports(AudioEncoding.PCM16_48K, AudioEncoding.MULAW_8K)).isFalse();
    }

    @Test
    void discardForgetsTheHeldTail() {
        OutboundAudio out = new OutboundAudio(AudioEncoding.MULAW_8K);
        out.fromPcm16k(tone(320, 16_000), 0, 320);
        out.discard();

        assertThat(out.finish()).isEmpty();
    }
}
