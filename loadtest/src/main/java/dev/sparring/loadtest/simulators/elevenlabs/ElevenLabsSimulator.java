package dev.sparring.loadtest.simulators.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparring.loadtest.LoadTestException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that speaks ElevenLabs' text-to-speech protocols exactly enough for the production
 * client to run against it: the multi-stream-input WebSocket and the HTTP stream endpoint, with
 * {@code xi-api-key} authentication, real speech from FreeTTS in the requested output format,
 * alignment data, configurable latencies ({@link ElevenLabsSimulatorConfig}) and injectable faults
 * ({@link ElevenLabsFaults}).
 *
 * <p>Owns a two-thread Netty event loop group (all protocol state lives there) and one synthesis
 * thread (FreeTTS is blocking and single-voiced). {@link #close()} stops both.
 */
public final class ElevenLabsSimulator implements AutoCloseable {
    private final EventLoopGroup group;
    private final ExecutorService synthesis;
    private final SpeechRenderer renderer;
    private final Channel listener;
    private final ElevenLabsFaults faults = new ElevenLabsFaults();
    private final SimulatorStats stats = new SimulatorStats();

    private ElevenLabsSimulator(ElevenLabsSimulatorConfig config) {
        AtomicInteger n = new AtomicInteger();
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        this.synthesis = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "elevenlabs-sim-tts-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.renderer = new SpeechRenderer(synthesis);
        ObjectMapper json = new ObjectMapper();
        try {
            this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimulatorHttpHandler(config, faults, stats, renderer, json));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", config.port())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new LoadTestException("interrupted while binding the ElevenLabs simulator", e);
        } catch (RuntimeException e) {
            close();
            throw new LoadTestException("cannot bind the ElevenLabs simulator on port " + config.port(), e);
        }
    }

    /** Binds and starts serving. */
    public static ElevenLabsSimulator start(ElevenLabsSimulatorConfig config) {
        return new ElevenLabsSimulator(config);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The base URL to give a client in place of {@code https://api.elevenlabs.io}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public ElevenLabsFaults faults() {
        return faults;
    }

    public SimulatorStats stats() {
        return stats;
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        synthesis.shutdownNow();
        renderer.close();
    }
}
