package dev.sparring.loadtest.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparring.loadtest.playback.VoiceDetector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for the media server's side of Twilio Media Streams: after {@code start} it plays
 * a greeting, answers when the caller's speech ends, and sends {@code clear} when the caller talks
 * over its reply — the exchange the emulator must handle. Every message it receives is recorded.
 *
 * <p>Each connection's state lives on its channel's event loop; {@link #received()} is thread-safe.
 */
public final class FakeMediaStreamsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VoiceDetector VOICE = new VoiceDetector(400);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> upgradeSignatures = new CopyOnWriteArrayList<>();
    private final List<byte[]> replies;

    /** @param replies μ-law audio the bot plays: the greeting, then one reply per caller line */
    public FakeMediaStreamsServer(List<byte[]> replies) {
        this.replies = replies;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new SignatureRecorder(),
                                new WebSocketServerProtocolHandler("/stream", null, false, 1 << 20),
                                new Conversation());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/stream");
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    List<String> upgradeSignatures() {
        return List.copyOf(upgradeSignatures);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class SignatureRecorder extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.handler.codec.http.FullHttpRequest request) {
                upgradeSignatures.add(request.headers().get("X-Twilio-Signature", ""));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** The bot: greets, replies after the caller's turn, clears when talked over. */
    private final class Conversation extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private String streamSid;
        private int replyIndex;
        private int voicedRun;
        private int silentRun;
        private boolean callerSpeaking;
        private long botAudioUntilNanos;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            JsonNode message = JSON.readTree(frame.text());
            received.add(message);
            switch (message.path("event").asText()) {
                case "start" -> {
                    streamSid = message.path("start").path("streamSid").asText();
                    play(ctx, "greeting");
                }
                case "media" -> onCallerAudio(ctx, Base64.getDecoder().decode(message.path("media").path("payload").asText()));
                case "stop" -> ctx.close();
                default -> { }
            }
        }

        private void onCallerAudio(ChannelHandlerContext ctx, byte[] frame) {
            if (VOICE.voiced(frame, 0, frame.length)) {
                voicedRun++;
                silentRun = 0;
            } else {
                silentRun++;
                voicedRun = 0;
            }
            if (!callerSpeaking && voicedRun >= 3) {
                callerSpeaking = true;
                if (System.nanoTime() < botAudioUntilNanos) {
                    // Barge-in: drop what the caller has not heard yet.
                    ctx.writeAndFlush(text(JSON.createObjectNode().put("event", "clear").put("streamSid", streamSid)));
                    botAudioUntilNanos = 0;
                }
            } else if (callerSpeaking && silentRun >= 15) {
                callerSpeaking = false;
                play(ctx, "reply-" + replyIndex);
            }
        }

        private void play(ChannelHandlerContext ctx, String markName) {
            if (replyIndex >= replies.size()) {
                return;
            }
            byte[] audio = replies.get(replyIndex++);
            // Twilio accepts media of any size; send 100 ms chunks, then a mark after the utterance.
            for (int from = 0; from < audio.length; from += 800) {
                byte[] chunk = Arrays.copyOfRange(audio, from, Math.min(audio.length, from + 800));
                ObjectNode media = JSON.createObjectNode().put("event", "media").put("streamSid", streamSid);
                media.putObject("media").put("payload", Base64.getEncoder().encodeToString(chunk));
                ctx.write(text(media));
            }
            ObjectNode mark = JSON.createObjectNode().put("event", "mark").put("streamSid", streamSid);
            mark.putObject("mark").put("name", markName);
            ctx.writeAndFlush(text(mark));
            botAudioUntilNanos = Math.max(System.nanoTime(), botAudioUntilNanos) + audio.length * 125_000L;
        }

        private TextWebSocketFrame text(ObjectNode json) {
            return new TextWebSocketFrame(json.toString());
        }
    }
}
