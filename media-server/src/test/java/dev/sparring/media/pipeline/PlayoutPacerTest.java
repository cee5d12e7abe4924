package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.resample.Resampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacer alone, on the manual scheduler: lead, chunks, marks, heard position, clear, pause. */
class PlayoutPacerTest {
    static final long START = 1_000_000;
    static final int SAMPLES_PER_MS = 16;

    final ManualScheduler scheduler = new ManualScheduler(START);
    final Transport transport = new Transport();
    final List<String> progress = new ArrayList<>();
    final PlayoutPacer pacer = new PlayoutPacer(PlayoutConfig.defaults(), transport, scheduler.clock(), scheduler,
            new PlayoutPacer.Listener() {
                @Override
                public void onFirstAudio(long epoch, long atMs) {
                    progress.add("first " + epoch + " @" + (atMs - START));
                }

                @Override
                public void onPlayedOut(long epoch, long atMs) {
                    progress.add("played " + epoch + " @" + (atMs - START));
                }
            });

    record Sent(long atMs, String kind, int bytes, String mark) {}

    /** Records what the pacer sends, with the time relative to the start. */
    final class Transport implements OutboundTransport {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public void sendAudio(byte[] payload) {
            sent.add(new Sent(scheduler.now() - START, "audio", payload.length, ""));
        }

        @Override
        public void sendMark(String name) {
            sent.add(new Sent(scheduler.now() - START, "mark", 0, name));
        }

        @Override
        public void sendClear() {
            sent.add(new Sent(scheduler.now() - START, "clear", 0, ""));
        }

        @Override
        public AudioEncoding encoding() {
            return AudioEncoding.MULAW_8K;
        }

        int audioMs() {
            // μ-law 8 kHz: 8 bytes per millisecond.
            return sent.stream().filter(s -> s.kind().equals("audio")).mapToInt(Sent::bytes).sum() / 8;
        }

        List<String> marks() {
            return sent.stream().filter(s -> s.kind().equals("mark")).map(Sent::mark).toList();
        }

        List<String> kinds() {
            return sent.stream().map(s -> s.kind().equals("mark") ? s.mark() : s.kind()).toList();
        }
    }

    static short[] tone(int ms) {
        short[] pcm = new short[ms * SAMPLES_PER_MS];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return pcm;
    }

    @Test
    void sendsTheLeadAtOnceThenOneChunkPerChunkDurationKeepingExactlyTheLeadAhead() {
        pacer.begin(1);
        pacer.enqueue(1, tone(1_000));

        // 200 ms lead = ten 20 ms chunks of 160 μ-law bytes, all at t=0.
        assertThat(transport.sent).filteredOn(s -> s.kind().equals("audio")).hasSize(10)
                .allSatisfy(s -> assertThat(s).isEqualTo(new Sent(0, "audio", 160, "")));
        assertThat(progress).containsExactly("first 1 @0");
        assertThat(pacer.speaking()).isTrue();

        for (int elapsed = 20; elapsed <= 800; elapsed += 20) {
            scheduler.advance(20);
            assertThat(transport.audioMs()).as("audio sent after %d ms", elapsed).isEqualTo(elapsed + 200);
        }
        scheduler.advance(20);
        assertThat(transport.audioMs()).as("never more than the turn's audio").isEqualTo(1_000);
        scheduler.advance(200);
        assertThat(transport.audioMs()).isEqualTo(1_000);
        assertThat(pacer.chunksSent()).isEqualTo(50);
    }

    @Test
    void marksFollowEveryHundredMillisecondsOfAudio() {
        pacer.begin(1);
        pacer.enqueue(1, tone(400));

        assertThat(transport.kinds()).containsExactly(
                "audio", "audio", "audio", "audio", "audio", "m1",
                "audio", "audio", "audio", "audio", "audio", "m2");
        scheduler.advance(200);
        assertThat(transport.marks()).containsExactly("m1", "m2", "m3", "m4");
        assertThat(transport.sent).filteredOn(s -> s.kind().equals("mark")).extracting(Sent::atMs)
                .containsExactly(0L, 0L, 100L, 200L);
        assertThat(pacer.marksSent()).isEqualTo(4);
    }

    @Test
    void heardPositionIsTheOffsetOfTheLastEchoedMark() {
        pacer.begin(1);
        pacer.enqueue(1, tone(1_000));
        scheduler.advance(200);
        assertThat(pacer.heardMs()).isZero();

        pacer.onMark("m1");
        assertThat(pacer.heardMs()).isEqualTo(100.0);
        pacer.onMark("m3");
        assertThat(pacer.heardMs()).isEqualTo(300.0);
        // A late echo of an earlier mark never moves the position back.
        pacer.onMark("m2");
        assertThat(pacer.heardMs()).isEqualTo(300.0);
        pacer.onMark("unknown");
        assertThat(pacer.heardMs()).isEqualTo(300.0);
    }

    @Test
    void clearSendsClearStopsAudioAndIgnoresTheEchoesOfFlushedMarks() {
        pacer.begin(1);
        pacer.enqueue(1, tone(1_000));
        scheduler.advance(100);
        pacer.onMark("m1");
        int sentBefore = transport.sent.size();

        double heard = pacer.clear();

        assertThat(heard).isEqualTo(100.0);
        assertThat(transport.sent.subList(sentBefore, transport.sent.size()))
                .containsExactly(new Sent(100, "clear", 0, ""));
        assertThat(pacer.active()).isFalse();
        assertThat(pacer.speaking()).isFalse();
        // Twilio echoes the marks a clear flushed: they were not heard.
        transport.marks().forEach(pacer::onMark);
        assertThat(pacer.heardMs()).isEqualTo(100.0);

        scheduler.advance(2_000);
        assertThat(transport.sent).hasSize(sentBefore + 1);
        assertThat(progress).containsExactly("first 1 @0");
        assertThat(pacer.clear()).as("clearing twice is a no-op").isZero();
        assertThat(transport.sent).hasSize(sentBefore + 1);
    }

    @Test
    void aTurnPlaysOutWhenItsFinalMarkIsEchoedAndItsLastChunkCarriesTheResamplerTail() {
        pacer.begin(7);
        pacer.enqueue(7, tone(300));
        pacer.end(7);
        scheduler.advance(100);

        List<Sent> audio = transport.sent.stream().filter(s -> s.kind().equals("audio")).toList();
        assertThat(audio).hasSize(15);
        int tail = (int) Resampler.create(16_000, 8_000).delayOutputSamples();
        assertThat(tail).isEqualTo(22);
        assertThat(audio.get(14).bytes()).isEqualTo(160 + tail);
        assertThat(transport.marks()).containsExactly("m1", "m2", "m3");

        pacer.onMark("m1");
        pacer.onMark("m2");
        assertThat(progress).containsExactly("first 7 @0");
        scheduler.advance(200);
        pacer.onMark("m3");
        assertThat(progress).containsExactly("first 7 @0", "played 7 @300");
        assertThat(pacer.active()).isFalse();
        assertThat(pacer.heardMs()).isEqualTo(300.0);
    }

    @Test
    void aTurnWhoseFinalMarkNeverComesBackPlaysOutAfterTheGracePeriod() {
        pacer.begin(1);
        pacer.enqueue(1, tone(300));
        pacer.end(1);
        scheduler.advance(100);
        // All sent at 100 ms, 200 ms still buffered at the far end, then the echo grace.
        scheduler.advance(200 + PlayoutPacer.MARK_ECHO_GRACE_MS - 1);
        assertThat(progress).containsExactly("first 1 @0");
        scheduler.advance(1);
        assertThat(progress).containsExactly("first 1 @0", "played 1 @" + (300 + PlayoutPacer.MARK_ECHO_GRACE_MS));
        assertThat(pacer.heardMs()).isEqualTo(300.0);
    }

    @Test
    void pauseClearsAndResumeReplaysFromTheHeardPosition() {
        pacer.begin(1);
        pacer.enqueue(1, tone(1_000));
        scheduler.advance(100);
        pacer.onMark("m1");
        int audioBefore = transport.audioMs();

        pacer.pause();
        assertThat(transport.sent.get(transport.sent.size() - 1)).isEqualTo(new Sent(100, "clear", 0, ""));
        assertThat(pacer.paused()).isTrue();
        assertThat(pacer.speaking()).isFalse();
        scheduler.advance(500);
        assertThat(transport.audioMs()).isEqualTo(audioBefore);

        pacer.resume();
        // From the heard position (100 ms), the lead is sent again at once.
        assertThat(transport.audioMs()).isEqualTo(audioBefore + 200);
        assertThat(pacer.speaking()).isTrue();
        scheduler.advance(700);
        assertThat(transport.audioMs()).isEqualTo(audioBefore + 900);
    }

    @Test
    void audioOfAnotherEpochIsIgnored() {
        pacer.begin(2);
        pacer.enqueue(1, tone(500));
        assertThat(transport.sent).isEmpty();
        assertThat(pacer.queuedMs()).isZero();
        pacer.enqueue(2, tone(500));
        assertThat(pacer.queuedMs()).isEqualTo(500.0);
    }
}
