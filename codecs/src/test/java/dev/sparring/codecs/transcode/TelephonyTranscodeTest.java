package dev.sparring.codecs.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sparring.codecs.g711.MuLaw;
import dev.sparring.codecs.pcm.Levels;
import dev.sparring.codecs.resample.Resampler;
import org.junit.jupiter.api.Test;

class TelephonyTranscodeTest {

    private static short[] sine(double frequency, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return out;
    }

    @Test
    void inboundFrameBecomesOneCanonicalFrameIdenticalToDecodeThenResample() {
        byte[] wire = MuLaw.encode(sine(700, 8_000, 8_000, 12_000));
        MuLawToPcm inbound = MuLawToPcm.toCanonical();
        short[] streamed = new short[16_000];
        short[] frame = new short[320];
        for (int i = 0; i < 50; i++) {
            assertThat(inbound.convert(wire, i * 160, 160, frame, 0)).isEqualTo(320);
            System.arraycopy(frame, 0, streamed, i * 320, 320);
        }
        short[] reference = Resampler.create(8_000, 16_000).process(MuLaw.decode(wire));
        assertThat(streamed).isEqualTo(reference);
    }

    @Test
    void outboundFrameBecomesOne160BytePayloadIdenticalToResampleThenEncode() {
        short[] pcm = sine(900, 16_000, 16_000, 12_000);
        PcmToMuLaw outbound = PcmToMuLaw.fromCanonical();
        byte[] streamed = new byte[8_000];
        byte[] payload = new byte[160];
        for (int i = 0; i < 50; i++) {
            assertThat(outbound.convert(pcm, i * 320, 320, payload, 0)).isEqualTo(160);
            System.arraycopy(payload, 0, streamed, i * 160, 160);
        }
        byte[] reference = MuLaw.encode(Resampler.create(16_000, 8_000).process(pcm));
        assertThat(streamed).isEqualTo(reference);
    }

    @Test
    void largeBlocksAreChunkedThroughTheScratchBuffers() {
        short[] pcm = sine(440, 24_000, 24_000, 8_000);
        PcmToMuLaw outbound = new PcmToMuLaw(24_000);
        byte[] wire = new byte[outbound.outputLengthFor(pcm.length)];
        assertThat(outbound.convert(pcm, 0, pcm.length, wire, 0)).isEqualTo(8_000);

        MuLawToPcm inbound = new MuLawToPcm(16_000);
        short[] back = new short[inbound.outputLengthFor(wire.length)];
        assertThat(inbound.convert(wire, 0, wire.length, back, 0)).isEqualTo(16_000);
        // Two resamplings and μ-law leave a 440 Hz tone at the same level (within μ-law's noise).
        assertThat(Levels.rmsDbfs(back, 1_600, 14_400) - Levels.rmsDbfs(pcm, 2_400, 21_600))
                .isCloseTo(0.0, within(0.2));
        assertThat(inbound.latency().plus(outbound.latency()).toNanos()).isEqualTo(2_750_000 + 2_750_000);
    }
}
