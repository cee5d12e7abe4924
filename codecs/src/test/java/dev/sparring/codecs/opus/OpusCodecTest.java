package dev.sparring.codecs.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparring.codecs.wav.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OpusCodecTest {

    /** espeak-ng speech, resampled to 16 kHz mono PCM16 with sox (see the fixture's directory). */
    private static short[] speech() throws IOException {
        try (InputStream in = OpusCodecTest.class.getResourceAsStream("speech-16k.wav")) {
            return WavReader.read(in.readAllBytes()).audio().samples();
        }
    }

    /** Encodes and decodes {@code input} frame by frame; returns the decoded signal. */
    private static short[] roundTrip(short[] input, OpusEncoderConfig config) {
        int frames = input.length / OpusEncoder.FRAME_SAMPLES;
        short[] decoded = new short[frames * OpusEncoder.FRAME_SAMPLES];
        short[] frame = new short[OpusEncoder.FRAME_SAMPLES];
        short[] out = new short[OpusDecoder.MAX_FRAME_SAMPLES];
        byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder encoder = new OpusEncoder(config); OpusDecoder decoder = new OpusDecoder()) {
            for (int f = 0; f < frames; f++) {
                System.arraycopy(input, f * frame.length, frame, 0, frame.length);
                int length = encoder.encode(frame, packet);
                assertThat(length).isBetween(1, 200);
                int samples = decoder.decode(packet, 0, length, out);
                assertThat(samples).isEqualTo(OpusEncoder.FRAME_SAMPLES);
                System.arraycopy(out, 0, decoded, f * frame.length, samples);
            }
        }
        return decoded;
    }

    @Test
    void speechSurvivesARoundTripWithItsEnergyAndShape() throws IOException {
        short[] input = speech();
        short[] decoded = roundTrip(input, OpusEncoderConfig.defaults());

        double inputDb = Signals.energyDb(input, 0, decoded.length);
        double outputDb = Signals.energyDb(decoded, 0, decoded.length);
        assertThat(outputDb).isCloseTo(inputDb, org.assertj.core.data.Offset.offset(3.0));

        // The codec delays the signal by its lookahead plus the decoder's resampler; find it.
        int bestLag = 0;
        double best = -1;
        for (int lag = 0; lag < 400; lag++) {
            double c = Signals.correlation(input, decoded, lag);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        assertThat(bestLag).isBetween(1, 200);
        assertThat(best).isGreaterThan(0.8);
    }

    @Test
    void concealmentIsFiniteAndFadesOut() throws IOException {
        short[] input = speech();
        short[] frame = new short[OpusEncoder.FRAME_SAMPLES];
        short[] out = new short[OpusDecoder.MAX_FRAME_SAMPLES];
        byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder encoder = new OpusEncoder(); OpusDecoder decoder = new OpusDecoder()) {
            double lastVoicedDb = -200;
            for (int f = 0; f < 50; f++) {
                System.arraycopy(input, 16_000 + f * frame.length, frame, 0, frame.length);
                int length = encoder.encode(frame, packet);
                decoder.decode(packet, 0, length, out);
                lastVoicedDb = Signals.energyDb(out, 0, OpusEncoder.FRAME_SAMPLES);
            }
            double[] concealedDb = new double[10];
            for (int i = 0; i < concealedDb.length; i++) {
                assertThat(decoder.conceal(out, OpusEncoder.FRAME_SAMPLES)).isEqualTo(OpusEncoder.FRAME_SAMPLES);
                concealedDb[i] = Signals.energyDb(out, 0, OpusEncoder.FRAME_SAMPLES);
            }
            assertThat(lastVoicedDb).isGreaterThan(-40);
            assertThat(concealedDb[concealedDb.length - 1]).isLessThan(concealedDb[0] - 10);
            assertThat(concealedDb[concealedDb.length - 1]).isLessThan(lastVoicedDb - 20);
        }
    }

    @Test
    void aBadPacketIsReportedByNameAndTheDecoderCarriesOn() throws IOException {
        short[] input = speech();
        short[] frame = Arrays.copyOfRange(input, 16_000, 16_000 + OpusEncoder.FRAME_SAMPLES);
        short[] out = new short[OpusDecoder.MAX_FRAME_SAMPLES];
        byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder encoder = new OpusEncoder(); OpusDecoder decoder = new OpusDecoder()) {
            // TOC code 3 (arbitrary frame count) with a zero frame count: RFC 6716 §3.2.5 forbids it.
            byte[] bad = {(byte) 0x03, 0x00};
            assertThatThrownBy(() -> decoder.decode(bad, 0, bad.length, out))
                    .isInstanceOfSatisfying(OpusException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(-4);
                        assertThat(e.errorName()).isEqualTo("OPUS_INVALID_PACKET");
                        assertThat(e.getMessage()).contains("OPUS_INVALID_PACKET").contains("corrupted stream");
                    });

            int length = encoder.encode(frame, packet);
            byte[] atOffset = new byte[length + 7];
            System.arraycopy(packet, 0, atOffset, 7, length);
            assertThat(decoder.decode(atOffset, 7, length, out)).isEqualTo(OpusEncoder.FRAME_SAMPLES);
        }
    }

    @Test
    void fecRecoversALostPacketFromTheNextOne() throws IOException {
        short[] input = speech();
        short[] frame = new short[OpusEncoder.FRAME_SAMPLES];
        short[] out = new short[OpusDecoder.MAX_FRAME_SAMPLES];
        byte[][] packets = new byte[60][];
        try (OpusEncoder encoder = new OpusEncoder(OpusEncoderConfig.defaults()); OpusDecoder decoder = new OpusDecoder()) {
            byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
            for (int f = 0; f < packets.length; f++) {
                System.arraycopy(input, 16_000 + f * frame.length, frame, 0, frame.length);
                packets[f] = Arrays.copyOf(packet, encoder.encode(frame, packet));
            }
            for (int f = 0; f < 40; f++) {
                decoder.decode(packets[f], 0, packets[f].length, out);
            }
            // Packet 40 is lost; 41 carries its LBRR copy.
            int recovered = decoder.decodeFec(packets[41], 0, packets[41].length, out, OpusEncoder.FRAME_SAMPLES);
            assertThat(recovered).isEqualTo(OpusEncoder.FRAME_SAMPLES);
            assertThat(Signals.energyDb(out, 0, recovered)).isGreaterThan(-50);
            assertThat(decoder.decode(packets[41], 0, packets[41].length, out)).isEqualTo(OpusEncoder.FRAME_SAMPLES);
        }
    }

    @Test
    void useAfterCloseFailsClearly() {
        OpusDecoder decoder = new OpusDecoder();
        decoder.close();
        decoder.close();
        assertThatThrownBy(() -> decoder.conceal(new short[320], 320))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        OpusEncoder encoder = new OpusEncoder();
        encoder.close();
        assertThatThrownBy(() -> encoder.encode(new short[320], new byte[1275]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void bindsTheBundledLibraryByDefault() {
        assertThat(OpusEncoder.libraryVersion()).startsWith("libopus 1.");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> OpusEncoderConfig.defaults().withComplexity(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpusEncoderConfig.defaults().withBitrate(1_000)).isInstanceOf(IllegalArgumentException.class);
        try (OpusEncoder encoder = new OpusEncoder(OpusEncoderConfig.defaults().withComplexity(10))) {
            assertThat(encoder.lookaheadSamples()).isPositive();
        }
    }
}
