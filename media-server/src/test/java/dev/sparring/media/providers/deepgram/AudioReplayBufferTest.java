package dev.sparring.media.providers.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AudioReplayBufferTest {

    @Test
    void keepsOnlyAudioAfterTheAcknowledgedPosition() {
        AudioReplayBuffer buffer = new AudioReplayBuffer(1_000);
        buffer.append(new byte[] {1, 2, 3, 4});
        buffer.append(new byte[] {5, 6, 7, 8});
        buffer.acknowledge(3);
        assertThat(buffer.startByte()).isEqualTo(3);
        assertThat(buffer.endByte()).isEqualTo(8);
        assertThat(buffer.toArray()).containsExactly(4, 5, 6, 7, 8);
        buffer.acknowledge(6);
        assertThat(buffer.toArray()).containsExactly(7, 8);
        buffer.acknowledge(100);
        assertThat(buffer.toArray()).isEmpty();
        assertThat(buffer.startByte()).isEqualTo(8);
    }

    @Test
    void forgetsTheOldestAudioPastItsLimit() {
        AudioReplayBuffer buffer = new AudioReplayBuffer(5);
        buffer.append(new byte[] {1, 2, 3, 4});
        buffer.append(new byte[] {5, 6, 7, 8});
        assertThat(buffer.startByte()).isEqualTo(3);
        assertThat(buffer.toArray()).containsExactly(4, 5, 6, 7, 8);
    }
}
