package dev.sparring.loadtest.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparring.loadtest.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackBufferTest {

    private static final long MS = 1_000_000;

    private final ManualClock clock = new ManualClock(1_000 * MS);
    private final List<String> events = new ArrayList<>();
    private final PlaybackBuffer buffer = new PlaybackBuffer(clock, PlaybackConfig.DEFAULTS, new PlaybackBuffer.Listener() {
        @Override
        public void markDue(String name, boolean cleared) {
            events.add((cleared ? "flushed " : "mark ") + name + " @" + elapsed());
        }

        @Override
        public void botSpeechStarted(long atNanos) {
            events.add("start " + (atNanos / MS - 1_000) + " @" + elapsed());
        }

        @Override
        public void botSpeechStopped(long atNanos, boolean cutByClear) {
            events.add("stop " + (atNanos / MS - 1_000) + (cutByClear ? " cut" : "") + " @" + elapsed());
        }
    });

    private long elapsed() {
        return clock.getAsLong() / MS - 1_000;
    }

    @Test
    void marksAreEchoedOnlyOnceTheAudioBeforeThemHasPlayed() {
        buffer.media(Tones.silence(100));
        buffer.mark("m1");
        buffer.media(Tones.silence(40));
        buffer.mark("m2");

        assertThat(buffer.nextMarkDueNanos()).hasValue(1_100 * MS);
        clock.advanceMillis(99);
        buffer.advance();
        assertThat(events).isEmpty();

        clock.advanceMillis(1);
        buffer.advance();
        assertThat(events).containsExactly("mark m1 @100");
        assertThat(buffer.nextMarkDueNanos()).hasValue(1_140 * MS);

        clock.advanceMillis(100);
        buffer.advance();
        assertThat(events).containsExactly("mark m1 @100", "mark m2 @200");
        PlaybackRecord record = buffer.record();
        // m2 was due at 140 ms even though nobody advanced the buffer until 200 ms.
        assertThat(record.marks()).extracting(MarkEcho::echoedNanos).containsExactly(1_100 * MS, 1_140 * MS);
        assertThat(record.bytesPlayed()).isEqualTo(140 * 8);
    }

    @Test
    void aMarkOnAnEmptyBufferIsEchoedAtOnce() {
        buffer.mark("alone");
        assertThat(events).containsExactly("mark alone @0");
    }

    @Test
    void audioArrivingWhilePlayingIsQueuedBehindIt() {
        buffer.media(Tones.silence(60));
        clock.advanceMillis(20);
        buffer.media(Tones.silence(60));
        buffer.mark("end");
        assertThat(buffer.bufferedNanos()).isEqualTo(100 * MS);
        clock.advanceMillis(99);
        buffer.advance();
        assertThat(events).isEmpty();
        clock.advanceMillis(1);
        buffer.advance();
        assertThat(events).containsExactly("mark end @120");
    }

    @Test
    void clearDropsBufferedAudioAndFlushesEveryPendingMark() {
        buffer.media(Tones.voiced(500));
        buffer.mark("a");
        buffer.media(Tones.voiced(500));
        buffer.mark("b");
        clock.advanceMillis(300);
        buffer.clear();

        assertThat(events).containsExactly("start 0 @300", "stop 300 cut @300", "flushed a @300", "flushed b @300");
        PlaybackRecord record = buffer.record();
        assertThat(record.clears()).singleElement().satisfies(clear -> {
            assertThat(clear.atNanos()).isEqualTo(1_300 * MS);
            assertThat(clear.droppedBytes()).isEqualTo(700 * 8);
            assertThat(clear.flushedMarks()).isEqualTo(2);
            assertThat(clear.botWasSpeaking()).isTrue();
        });
        assertThat(record.marks()).extracting(MarkEcho::cleared).containsExactly(true, true);
        assertThat(record.speech()).containsExactly(new BotSpeech(1_000 * MS, 1_300 * MS, true));
        assertThat(record.bytesDropped()).isEqualTo(700 * 8);
        assertThat(buffer.bufferedNanos()).isZero();

        // After a clear, new audio starts playing immediately.
        buffer.media(Tones.silence(20));
        buffer.mark("c");
        clock.advanceMillis(20);
        buffer.advance();
        assertThat(events).last().isEqualTo("mark c @320");
    }

    @Test
    void speechIsDetectedFromPlayedAudioWithAHangover() {
        buffer.media(Tones.concat(Tones.silence(100), Tones.voiced(300), Tones.silence(100),
                Tones.voiced(200), Tones.silence(600)));
        clock.advanceMillis(50);
        buffer.advance();
        assertThat(buffer.botSpeaking()).isFalse();

        clock.advanceMillis(100);
        buffer.advance();
        assertThat(buffer.botSpeaking()).isTrue();
        assertThat(buffer.speechStartNanos()).hasValue(1_100 * MS);

        // The 100 ms pause at 400..500 is shorter than the 200 ms hangover: one utterance.
        clock.advanceMillis(350);
        buffer.advance();
        assertThat(buffer.botSpeaking()).isTrue();

        clock.advanceMillis(400);
        buffer.advance();
        assertThat(buffer.botSpeaking()).isFalse();
        assertThat(buffer.lastVoicedEndNanos()).hasValue(1_700 * MS);
        assertThat(events).containsExactly("start 100 @150", "stop 700 @900");
        assertThat(buffer.record().speech()).containsExactly(new BotSpeech(1_100 * MS, 1_700 * MS, false));
        assertThat(buffer.record().gaps()).isEmpty();
    }

    @Test
    void aLateChunkInTheMiddleOfSpeechIsRecordedAsAnUnderrun() {
        buffer.media(Tones.voiced(100));
        clock.advanceMillis(160);
        buffer.media(Tones.voiced(100));
        clock.advanceMillis(100);
        buffer.finish();

        PlaybackRecord record = buffer.record();
        assertThat(record.gaps()).containsExactly(new PlaybackGap(1_100 * MS, 60 * MS));
        // 60 ms of silence is within the hangover: still one utterance.
        assertThat(record.speech()).containsExactly(new BotSpeech(1_000 * MS, 1_260 * MS, false));
    }

    @Test
    void silenceLongerThanTheUnderrunLimitIsATurnBoundaryNotAGap() {
        buffer.media(Tones.voiced(100));
        clock.advanceMillis(1_500);
        buffer.media(Tones.voiced(100));
        clock.advanceMillis(100);
        buffer.finish();

        PlaybackRecord record = buffer.record();
        assertThat(record.gaps()).isEmpty();
        assertThat(record.speech()).containsExactly(
                new BotSpeech(1_000 * MS, 1_100 * MS, false), new BotSpeech(2_500 * MS, 2_600 * MS, false));
    }

    @Test
    void silenceThatRunsDryIsNotAnUnderrun() {
        buffer.media(Tones.concat(Tones.voiced(100), Tones.silence(100)));
        clock.advanceMillis(300);
        buffer.media(Tones.voiced(20));
        assertThat(buffer.record().gaps()).isEmpty();
    }
}
