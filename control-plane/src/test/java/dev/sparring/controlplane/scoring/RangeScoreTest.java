package dev.sparring.controlplane.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeScoreTest {

    @Test
    void insideTheRangeIncludingBoundsIsFull() {
        TargetRange talk = new TargetRange(35, 55);
        assertThat(RangeScore.of(35, talk)).isEqualTo(100);
        assertThat(RangeScore.of(45, talk)).isEqualTo(100);
        assertThat(RangeScore.of(55, talk)).isEqualTo(100);
    }

    @Test
    void fallsOffOverTheTargetWidthWhenThatIsLarger() {
        TargetRange talk = new TargetRange(35, 55);
        // below: fall-off max(20, 35/2) = 20
        assertThat(RangeScore.of(25, talk)).isEqualTo(50);
        assertThat(RangeScore.of(15, talk)).isZero();
        assertThat(RangeScore.of(0, talk)).isZero();
        // questions [3, 12]: none asked is 3 below over a width of 9
        assertThat(RangeScore.of(0, new TargetRange(3, 12))).isEqualTo(67);
        // interruptions [0, 1]: width 1
        assertThat(RangeScore.of(2, new TargetRange(0, 1))).isZero();
    }

    @Test
    void fallsOffOverHalfTheBoundWhenThatIsLarger() {
        TargetRange talk = new TargetRange(35, 55);
        // above: fall-off max(20, 55/2 = 27.5)
        assertThat(RangeScore.of(68.75, talk)).isEqualTo(50);
        assertThat(RangeScore.of(82.5, talk)).isZero();
        TargetRange pace = new TargetRange(130, 160);
        assertThat(RangeScore.of(97.5, pace)).isEqualTo(50);
        assertThat(RangeScore.of(65, pace)).isZero();
        assertThat(RangeScore.of(200, pace)).isEqualTo(50);
        assertThat(RangeScore.of(240, pace)).isZero();
    }

    @Test
    void aPointTargetAtZeroHasNoTolerance() {
        TargetRange none = new TargetRange(0, 0);
        assertThat(RangeScore.of(0, none)).isEqualTo(100);
        assertThat(RangeScore.of(1, none)).isZero();
    }

    @Test
    void roundsToTheNearestInteger() {
        // over a fall-off of 65: 0.1 below 130 is 99.85, 1 below is 98.46
        assertThat(RangeScore.of(129.9, new TargetRange(130, 160))).isEqualTo(100);
        assertThat(RangeScore.of(129.0, new TargetRange(130, 160))).isEqualTo(98);
    }
}
