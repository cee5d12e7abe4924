package dev.sparring.media.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuedDatagramTransportTest {
    private final List<byte[]> sent = new ArrayList<>();
    private final QueuedDatagramTransport transport = new QueuedDatagramTransport(2, sent::add, 1200);

    @Test
    void copiesInboundDatagramsAndDropsBeyondCapacity() throws Exception {
        byte[] data = {9, 1, 2, 3, 9};
        assertThat(transport.offer(data, 1, 3)).isTrue();
        data[1] = 7;
        assertThat(transport.offer(data, 0, 5)).isTrue();
        assertThat(transport.offer(data, 0, 5)).isFalse();

        byte[] buffer = new byte[transport.getReceiveLimit()];
        assertThat(transport.receive(buffer, 0, buffer.length, 10)).isEqualTo(3);
        assertThat(buffer[0]).isEqualTo((byte) 1);
        assertThat(transport.receive(buffer, 0, buffer.length, 10)).isEqualTo(5);
        assertThat(transport.receive(buffer, 0, buffer.length, 1)).isEqualTo(-1);
    }

    @Test
    void stopWakesTheReaderEvenBehindAFullQueue() throws Exception {
        transport.offer(new byte[] {1}, 0, 1);
        transport.offer(new byte[] {2}, 0, 1);

        transport.stop();

        byte[] buffer = new byte[transport.getReceiveLimit()];
        assertThatThrownBy(() -> {
            while (true) {
                transport.receive(buffer, 0, buffer.length, 0);
            }
        }).isInstanceOf(QueuedDatagramTransport.TransportStoppedException.class);
        assertThat(transport.offer(new byte[] {3}, 0, 1)).isFalse();
    }

    @Test
    void sendsCopiesAndSurvivesAFailingSink() {
        byte[] data = {1, 2, 3, 4};
        transport.send(data, 1, 2);
        assertThat(sent).containsExactly(new byte[] {2, 3});

        QueuedDatagramTransport broken = new QueuedDatagramTransport(2, d -> {
            throw new IllegalStateException("channel closed");
        }, 1200);
        broken.send(data, 0, 4);
        assertThat(broken.getSendLimit()).isEqualTo(1200);
    }
}
