package dev.sparring.codecs.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelsTest {

    @Test
    void averagesStereoFrames() {
        short[] stereo = {100, 300, -100, -301, Short.MAX_VALUE, Short.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE};
        assertThat(Channels.downmix(stereo, 2))
                .containsExactly((short) 200, (short) -200, Short.MAX_VALUE, (short) 0);
    }

    @Test
    void monoIsACopy() {
        short[] mono = {1, 2, 3};
        assertThat(Channels.downmix(mono, 1)).containsExactly(mono);
    }

    @Test
    void rejectsPartialFrames() {
        assertThatThrownBy(() -> Channels.downmix(new short[3], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 samples");
    }
}
