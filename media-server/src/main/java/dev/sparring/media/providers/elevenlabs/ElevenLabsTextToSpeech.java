package dev.sparring.media.providers.elevenlabs;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.TextToSpeech;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ElevenLabs streaming TTS over the multi-stream-input WebSocket. Give each call its own
 * {@link #openSession()} (one WebSocket per call, one context per bot turn);
 * {@link #synthesize} on the factory itself opens a one-shot session per request, which costs a
 * handshake each time and is meant for occasional use.
 *
 * <p>Owns nothing per call. It either borrows the media server's event loop group (which it never
 * shuts down) or owns a small NIO group of its own, released by {@link #close()}. Thread-safe.
 */
public final class ElevenLabsTextToSpeech implements TextToSpeech, AutoCloseable {
    private final ElevenLabsConfig config;
    private final NettyTransport transport;
    private final ElevenLabsMetrics metrics;
    private final Optional<EventLoopGroup> owned;

    /** Borrows {@code group} (with its socket channel type); the group's owner shuts it down. */
    public ElevenLabsTextToSpeech(ElevenLabsConfig config, MeterRegistry registry, EventLoopGroup group,
                                  Class<? extends SocketChannel> channelType) {
        this(config, registry, group, channelType, Optional.empty());
    }

    /** Runs on its own NIO group of {@code threads} event loops, shut down by {@link #close()}. */
    public ElevenLabsTextToSpeech(ElevenLabsConfig config, MeterRegistry registry, int threads) {
        this(config, registry, new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()), NioSocketChannel.class, true);
    }

    private ElevenLabsTextToSpeech(ElevenLabsConfig config, MeterRegistry registry, EventLoopGroup group,
                                   Class<? extends SocketChannel> channelType, boolean owned) {
        this(config, registry, group, channelType, Optional.of(group));
    }

    private ElevenLabsTextToSpeech(ElevenLabsConfig config, MeterRegistry registry, EventLoopGroup group,
                                   Class<? extends SocketChannel> channelType, Optional<EventLoopGroup> owned) {
        this.config = config;
        this.transport = NettyTransport.of(config, group, channelType);
        this.metrics = new ElevenLabsMetrics(registry, ElevenLabsSession.PROVIDER);
        this.owned = owned;
    }

    /** A session for one call; close it when the call ends. */
    public ElevenLabsSession openSession() {
        return new ElevenLabsSession(config, transport, metrics);
    }

    public ElevenLabsConfig config() {
        return config;
    }

    @Override
    public AudioEncoding outputEncoding() {
        return config.outputFormat().encoding();
    }

    /** One request on a session of its own, closed when the request ends. */
    @Override
    public Synthesis synthesize(String text, String voice, Listener listener) {
        ElevenLabsSession session = openSession();
        Synthesis synthesis = session.synthesize(text, voice, new ClosingListener(listener, session));
        return () -> {
            synthesis.cancel();
            session.close();
        };
    }

    @Override
    public void close() {
        owned.ifPresent(g -> g.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly());
    }

    /** Closes a one-shot session once its only request has ended. */
    private record ClosingListener(Listener delegate, ElevenLabsSession session) implements AlignmentListener {
        @Override
        public void onAudio(byte[] audio) {
            delegate.onAudio(audio);
        }

        @Override
        public void onComplete() {
            session.close();
            delegate.onComplete();
        }

        @Override
        public void onError(ProviderException error) {
            session.close();
            delegate.onError(error);
        }

        @Override
        public void onWordTimings(WordTimings timings) {
            if (delegate instanceof AlignmentListener alignment) {
                alignment.onWordTimings(timings);
            } else if (delegate instanceof TextToSpeech.TimedListener timed) {
                timed.onWordTimings(timings.forPipeline());
            }
        }
    }
}
