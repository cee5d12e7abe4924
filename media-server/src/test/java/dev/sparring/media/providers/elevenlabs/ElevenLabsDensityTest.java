package dev.sparring.media.providers.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulator;
import dev.sparring.loadtest.simulators.elevenlabs.ElevenLabsSimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 200 concurrent call sessions (one open WebSocket each, one reply each) on a two-loop group cost no
 * thread per session: the figure behind choosing Netty over OkHttp, whose WebSocket reader holds a
 * thread per open socket.
 */
class ElevenLabsDensityTest {
    private static final Logger log = LoggerFactory.getLogger(ElevenLabsDensityTest.class);
    private static final int SESSIONS = 200;

    @Test
    void twoHundredOpenSessionsAddNoThreads() {
        try (ElevenLabsSimulator simulator = ElevenLabsSimulator.start(ElevenLabsSimulatorConfig.defaults("k")
                .withFirstAudioLatency(Duration.ZERO).withChunks(250, Duration.ZERO))) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            try {
                ElevenLabsTextToSpeech tts = new ElevenLabsTextToSpeech(
                        // Generous timeouts: this test counts threads, and must not depend on how loaded the machine is.
                        ElevenLabsConfig.defaults("k").withBaseUrl(simulator.baseUrl())
                                .withFirstAudioTimeout(Duration.ofSeconds(120)),
                        new SimpleMeterRegistry(), group, NioSocketChannel.class);
                // Warm up: the loops' threads and FreeTTS exist before the count starts.
                try (ElevenLabsSession warm = tts.openSession()) {
                    RecordingListener l = new RecordingListener();
                    warm.synthesize("Warm up.", "default", l);
                    await().atMost(Duration.ofSeconds(10)).until(l::ended);
                }
                int before = ManagementFactory.getThreadMXBean().getThreadCount();
                List<ElevenLabsSession> sessions = new ArrayList<>();
                List<RecordingListener> listeners = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    ElevenLabsSession session = tts.openSession();
                    RecordingListener l = new RecordingListener();
                    session.synthesize("That sounds expensive.", "default", l);
                    sessions.add(session);
                    listeners.add(l);
                }
                await().atMost(Duration.ofSeconds(180)).until(() -> listeners.stream().allMatch(RecordingListener::ended));
                int peak = ManagementFactory.getThreadMXBean().getThreadCount();
                int open = simulator.stats().openSockets();
                log.warn("elevenlabs density: {} sessions, {} sockets open, threads {} -> {}", SESSIONS, open, before, peak);
                assertThat(listeners).allSatisfy(l -> assertThat(l.complete()).isTrue());
                assertThat(open).isGreaterThanOrEqualTo(SESSIONS);
                assertThat(peak - before).isLessThan(10);
                sessions.forEach(ElevenLabsSession::close);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }
}
