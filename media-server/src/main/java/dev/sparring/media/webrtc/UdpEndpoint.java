package dev.sparring.media.webrtc;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP socket every WebRTC peer shares. Reads datagrams on its event loop and hands them to
 * the {@link PeerTable}; {@link #send} may be called from any thread.
 *
 * <p>Owns the datagram channel. Datagrams are copied out of Netty's buffer once, because the peer
 * that receives them works on its own executor.
 */
public final class UdpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpEndpoint.class);
    /** Larger than any datagram a browser sends us (MTU-sized DTLS flights, RTP). */
    private static final int MAX_DATAGRAM = 2048;

    private final Channel channel;
    private final WebRtcMetrics metrics;

    private UdpEndpoint(Channel channel, WebRtcMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    /**
     * Binds {@code address:port} on one of {@code group}'s event loops.
     *
     * @throws WebRtcException when the port cannot be bound
     */
    public static UdpEndpoint bind(EventLoopGroup group, InetSocketAddress address, PeerTable peers, WebRtcMetrics metrics) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        int length = content.readableBytes();
                        if (length == 0 || length > MAX_DATAGRAM) {
                            metrics.dropped(length == 0 ? "empty" : "oversized");
                            return;
                        }
                        byte[] data = new byte[length];
                        content.getBytes(content.readerIndex(), data);
                        peers.route(data, packet.sender());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // A datagram socket survives a failed read (e.g. ICMP port unreachable on Linux).
                        log.debug("UDP socket error: {}", cause.toString());
                    }
                });
        try {
            Channel channel = bootstrap.bind(address).sync().channel();
            return new UdpEndpoint(channel, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebRtcException("interrupted while binding webrtc-udp-port " + address.getPort(), e);
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked exception) undeclared from sync().
            throw new WebRtcException("cannot bind UDP " + address + " (webrtc-udp-port): " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Sends one datagram; thread-safe (Netty hops onto the socket's event loop). */
    public void send(byte[] datagram, InetSocketAddress to) {
        metrics.packetOut();
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to), channel.voidPromise());
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
