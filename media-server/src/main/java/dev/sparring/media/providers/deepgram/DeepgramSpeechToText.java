package dev.sparring.media.providers.deepgram;

import dev.sparring.media.pipeline.AudioEncoding;
import dev.sparring.media.pipeline.ProviderException;
import dev.sparring.media.pipeline.SpeechToText;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import javax.net.ssl.SSLException;

/**
 * Deepgram live streaming speech-to-text over its WebSocket API ({@code /v1/listen};
 * https://developers.deepgram.com/reference/speech-to-text/listen-streaming), on Netty.
 * Phone audio goes out as {@code mulaw}/8000 untouched; PCM as {@code linear16}.
 *
 * <p>Density: streams share the given event loop group; each stream lives on one event loop of
 * it (no thread per call), and caller audio crosses to that loop once per
 * {@link DeepgramConfig#audioChunk()} of audio, not per frame.
 *
 * <p>Stateless apart from the shared TLS context and metrics; thread-safe. The group is owned by
 * the caller.
 */
public final class DeepgramSpeechToText implements SpeechToText {

    private final DeepgramConfig config;
    private final AudioEncoding encoding;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final DeepgramMetrics metrics;
    private final Optional<SslContext> tls;

    /**
     * @param encoding what the pipeline sends: {@code MULAW_8K} for phone calls, PCM otherwise
     * @param group the shared client event loop group
     * @param channelType a socket channel class matching the group's transport (NIO or epoll)
     * @param registry where provider metrics go
     */
    public DeepgramSpeechToText(DeepgramConfig config, AudioEncoding encoding, EventLoopGroup group,
                                Class<? extends Channel> channelType, MeterRegistry registry) {
        this.config = config;
        this.encoding = encoding;
        this.group = group;
        this.channelType = channelType;
        this.metrics = new DeepgramMetrics(registry);
        this.tls = config.baseUrl().getScheme().equals("wss") ? Optional.of(clientTls()) : Optional.empty();
    }

    @Override
    public AudioEncoding inputEncoding() {
        return encoding;
    }

    /** Opens an untagged stream. */
    @Override
    public DeepgramStream open(Listener listener) {
        return open(listener, List.of());
    }

    /**
     * Opens a stream whose connection carries {@code tag} query parameters (Deepgram echoes tags in
     * usage reports; the simulator selects the call script by them). The connection is set up in
     * the background; audio sent meanwhile is buffered.
     */
    public DeepgramStream open(Listener listener, List<String> tags) {
        DeepgramStream stream = new DeepgramStream(this, listener, group.next(), listenUrl(tags));
        stream.start();
        return stream;
    }

    /** @return this recogniser as a {@link SpeechToText} whose streams carry {@code tags} */
    public SpeechToText tagged(List<String> tags) {
        List<String> copy = List.copyOf(tags);
        return new SpeechToText() {
            @Override
            public Stream open(Listener listener) {
                return DeepgramSpeechToText.this.open(listener, copy);
            }

            @Override
            public AudioEncoding inputEncoding() {
                return encoding;
            }
        };
    }

    /** @return the {@code /v1/listen} URL with every query parameter this client sends */
    URI listenUrl(List<String> tags) {
        boolean mulaw = encoding == AudioEncoding.MULAW_8K;
        StringJoiner query = new StringJoiner("&");
        query.add("model=" + encode(config.model()))
                .add("language=" + encode(config.language()))
                .add("encoding=" + (mulaw ? "mulaw" : "linear16"))
                .add("sample_rate=" + encoding.sampleRate())
                .add("channels=1")
                .add("interim_results=true")
                .add("endpointing=" + config.endpointing().toMillis())
                .add("utterance_end_ms=" + config.utteranceEnd().toMillis())
                .add("vad_events=true")
                .add("smart_format=" + config.smartFormat());
        tags.forEach(tag -> query.add("tag=" + encode(tag)));
        String base = config.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/listen?" + query);
    }

    DeepgramConfig config() {
        return config;
    }

    DeepgramMetrics metrics() {
        return metrics;
    }

    Class<? extends Channel> channelType() {
        return channelType;
    }

    Optional<SslContext> tls() {
        return tls;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new ProviderException(DeepgramMetrics.PROVIDER, "tls", "cannot create the TLS client context", false, e);
        }
    }
}
