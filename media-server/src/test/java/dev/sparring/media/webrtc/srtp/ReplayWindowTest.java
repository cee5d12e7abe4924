package dev.sparring.media.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void shiftsMarksAcrossTheWordBoundary() {
        ReplayWindow window = new ReplayWindow();
        window.advance(ReplayWindow.SIZE);
        window.mark(63);

        window.advance(1);

        assertThat(window.seen(0)).isTrue();
        assertThat(window.seen(1)).isTrue();
        assertThat(window.seen(64)).isTrue();
        assertThat(window.seen(63)).isFalse();
    }

    @Test
    void forgetsEverythingAfterAJumpBeyondItsSize() {
        ReplayWindow window = new ReplayWindow();
        window.advance(ReplayWindow.SIZE);
        window.mark(5);

        window.advance(ReplayWindow.SIZE + 3);

        assertThat(window.seen(0)).isTrue();
        for (int delta = 1; delta < ReplayWindow.SIZE; delta++) {
            assertThat(window.seen(delta)).as("delta %d", delta).isFalse();
        }
    }

    @Test
    void shiftsByWholeAndPartialWords() {
        ReplayWindow window = new ReplayWindow();
        window.advance(ReplayWindow.SIZE);
        window.mark(3);

        window.advance(70);

        assertThat(window.seen(73)).isTrue();
        assertThat(window.seen(70)).isTrue();
        assertThat(window.seen(3)).isFalse();
    }
}
