package dev.sparring.media.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.codecs.resample.Resampler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
    class Transport implements OutboundTransport {
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
        // The turn as played: its 300 ms and the resampler's delayed tail.
        assertThat(pacer.heardMs()).isEqualTo(300 + tail / 8.0);
    }

    @Test
    void aTurnWhoseFinalMarkNeverComesBackPlaysOutAfterTheGracePeriod() {
        pacer.begin(1);
        pacer.enqueue(1, tone(300));
        pacer.end(1);
        scheduler.advance(100);
        // All sent at 100 ms, 202 ms (200 ms and the resampler's 2.75 ms tail, in whole ms) still
        // buffered at the far end, then the echo grace.
        scheduler.advance(202 + PlayoutPacer.MARK_ECHO_GRACE_MS - 1);
        assertThat(progress).containsExactly("first 1 @0");
        scheduler.advance(1);
        assertThat(progress).containsExactly("first 1 @0", "played 1 @" + (302 + PlayoutPacer.MARK_ECHO_GRACE_MS));
        assertThat(pacer.heardMs()).isEqualTo(302.75);
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

    @Test
    void muLawAudioIsSentByteForByteWithMarksOnItsOwnClock() {
        byte[] mulaw = new byte[8 * 450];
        for (int i = 0; i < mulaw.length; i++) {
            mulaw[i] = (byte) (i * 31);
        }
        java.io.ByteArrayOutputStream sentBytes = new java.io.ByteArrayOutputStream();
        Transport own = new Transport() {
            @Override
            public void sendAudio(byte[] payload) {
                super.sendAudio(payload);
                sentBytes.writeBytes(payload);
            }
        };
        PlayoutPacer passThrough = new PlayoutPacer(PlayoutConfig.defaults(), own, scheduler.clock(), scheduler, new PlayoutPacer.Listener() {
            @Override
            public void onFirstAudio(long epoch, long atMs) {
            }

            @Override
            public void onPlayedOut(long epoch, long atMs) {
                progress.add("played " + epoch + " @" + (atMs - START));
            }
        });

        passThrough.begin(3);
        passThrough.enqueue(3, java.util.Arrays.copyOfRange(mulaw, 0, 1_000), AudioEncoding.MULAW_8K);
        passThrough.enqueue(3, java.util.Arrays.copyOfRange(mulaw, 1_000, mulaw.length), AudioEncoding.MULAW_8K);
        passThrough.end(3);
        assertThat(passThrough.queuedMs()).isEqualTo(450.0);
        scheduler.advance(300);

        assertThat(sentBytes.toByteArray()).as("no transcoding, no resampler tail").isEqualTo(mulaw);
        assertThat(own.sent).filteredOn(s -> s.kind().equals("audio")).extracting(Sent::bytes)
                .containsOnly(160, 80).endsWith(80);
        assertThat(own.marks()).containsExactly("m1", "m2", "m3", "m4", "m5");
        passThrough.onMark("m2");
        assertThat(passThrough.heardMs()).isEqualTo(200.0);
        own.marks().forEach(passThrough::onMark);
        assertThat(passThrough.heardMs()).isEqualTo(450.0);
        assertThat(progress).containsExactly("played 3 @300");
    }

    @Test
    void aPcmTurnFollowedByMuLawKeepsEveryResampledSampleInOrder() {
        pacer.begin(1);
        pacer.enqueue(1, tone(100));
        byte[] mulaw = new byte[800];
        java.util.Arrays.fill(mulaw, (byte) 0x55);
        pacer.enqueue(1, mulaw, AudioEncoding.MULAW_8K);
        pacer.end(1);
        scheduler.advance(200);

        int tail = (int) Resampler.create(16_000, 8_000).delayOutputSamples();
        assertThat(transport.audioMs() * 8).isBetween(800 + 800 + tail - 8, 800 + 800 + tail + 8);
        assertThat(pacer.queuedMs()).isGreaterThan(200.0);
    }

    @Test
    void chunksSentAfterTheCallerRanDryAreLateButAudioTheProviderYieldedLateIsNot() {
        AtomicLong skewMs = new AtomicLong();
        Clock starved = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(scheduler.now() + skewMs.get());
            }
        };
        List<Long> late = new ArrayList<>();
        PlayoutPacer starvedPacer = new PlayoutPacer(PlayoutConfig.defaults(), transport, starved, scheduler,
                new PlayoutPacer.Listener() {
                    @Override
                    public void onFirstAudio(long epoch, long atMs) {
                    }

                    @Override
                    public void onPlayedOut(long epoch, long atMs) {
                    }

                    @Override
                    public void onLateChunk(long epoch, long behindMs) {
                        late.add(behindMs);
                    }
                });
        starvedPacer.begin(1);
        starvedPacer.enqueue(1, tone(1_000));
        scheduler.advance(100);
        assertThat(late).as("ticks on time").isEmpty();

        // The next tick runs 300 ms late (a starved event loop): 300 ms were sent, 420 ms have played.
        skewMs.set(300);
        scheduler.advance(20);
        assertThat(late).as("the six 20 ms chunks the caller should already have heard").containsExactly(120L, 100L, 80L, 60L, 40L, 20L);

        // A provider that yields audio late leaves the caller's buffer dry too, but the pacer is not behind.
        late.clear();
        starvedPacer.clear();
        starvedPacer.begin(2);
        starvedPacer.enqueue(2, tone(100));
        scheduler.advance(1_000);
        starvedPacer.enqueue(2, tone(500));
        scheduler.advance(600);
        assertThat(late).isEmpty();
    }
}
