package dev.sparring.media.webrtc.sdp;

import dev.sparring.media.webrtc.dtls.DtlsException;
import dev.sparring.media.webrtc.dtls.Fingerprint;
import dev.sparring.media.webrtc.ice.IceCredentials;
import dev.sparring.media.webrtc.ice.IceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parts of a browser's SDP offer (JSEP, RFC 8829) that an audio-only ICE-lite, DTLS-SRTP
 * answer needs. Media-level ICE credentials, fingerprint, setup and direction win over
 * session-level ones. The offer is refused (with a precise {@link SdpException}) unless it has an
 * audio m-line with Opus, ICE credentials, a supported fingerprint, rtcp-mux and a setup role that
 * lets us be passive; an offer without a=setup is treated as active (RFC 4145 §4). Extmap, ssrc
 * and rtcp-fb lines are ignored.
 *
 * @param remoteCredentials the offerer's ice-ufrag and ice-pwd
 * @param fingerprint the first supported a=fingerprint (the peer's certificate)
 * @param setup the offerer's a=setup: ACTPASS or ACTIVE (we answer passive)
 * @param audioMid a=mid of the audio m-line
 * @param opusPayloadType the first Opus (opus/48000/2) payload type in the audio m-line's order
 * @param opusFmtp the a=fmtp parameters of that payload type
 * @param bundleGroup mids of the offer's a=group:BUNDLE, empty when it has none
 * @param audioDirection the offerer's direction for audio
 * @param telephoneEventPayloadType telephone-event payload type, preferring the 48 kHz one
 * @param media every m= section in offer order; the answer has one m= line per entry
 * @param audioIndex index in {@code media} of the audio section we accept
 */
public record SdpOffer(
        IceCredentials remoteCredentials,
        Fingerprint fingerprint,
        SetupRole setup,
        String audioMid,
        int opusPayloadType,
        Optional<String> opusFmtp,
        List<String> bundleGroup,
        MediaDirection audioDirection,
        OptionalInt telephoneEventPayloadType,
        List<SdpMedia> media,
        int audioIndex) {

    public SdpOffer {
        bundleGroup = List.copyOf(bundleGroup);
        media = List.copyOf(media);
    }

    /** rtcp-mux is required, so an accepted offer always offers it (browsers always do). */
    public boolean rtcpMux() {
        return true;
    }

    public SdpMedia audio() {
        return media.get(audioIndex);
    }

    /** An attribute line split at its first colon: {@code a=name:value} or {@code a=name}. */
    private record Attribute(String name, String value) {}

    /** Lines of the session part or of one media section. */
    private static final class Section {
        final Optional<SdpMedia> media;
        final List<Attribute> attributes = new ArrayList<>();

        Section(Optional<SdpMedia> media) {
            this.media = media;
        }

        Optional<String> first(String name) {
            for (Attribute a : attributes) {
                if (a.name().equals(name)) {
                    return Optional.of(a.value());
                }
            }
            return Optional.empty();
        }

        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (Attribute a : attributes) {
                if (a.name().equals(name)) {
                    values.add(a.value());
                }
            }
            return values;
        }

        boolean has(String name) {
            return first(name).isPresent();
        }
    }

    public static SdpOffer parse(String sdp) {
        String[] lines = sdp.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equals("v=0")) {
            throw new SdpException("SDP must start with v=0");
        }
        Section session = new Section(Optional.empty());
        List<Section> sections = new ArrayList<>();
        Section current = session;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException("SDP line " + (i + 1) + " is not <type>=<value>: '" + abbreviate(line) + "'");
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'm' -> {
                    current = new Section(Optional.of(parseMediaLine(value, i + 1)));
                    sections.add(current);
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    current.attributes.add(colon < 0
                            ? new Attribute(value, "")
                            : new Attribute(value.substring(0, colon), value.substring(colon + 1)));
                }
                default -> { } // o=, s=, t=, c=, b= ... carry nothing the answer needs
            }
        }
        return interpret(session, sections);
    }

    private static SdpMedia parseMediaLine(String value, int lineNumber) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length < 4) {
            throw new SdpException("m= line " + lineNumber + " needs <media> <port> <proto> <fmt>...: '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1].contains("/") ? parts[1].substring(0, parts[1].indexOf('/')) : parts[1]);
        } catch (NumberFormatException e) {
            throw new SdpException("m= line " + lineNumber + " has a bad port '" + parts[1] + "'");
        }
        if (port < 0 || port > 65535) {
            throw new SdpException("m= line " + lineNumber + " has port " + port + " outside 0-65535");
        }
        return new SdpMedia(parts[0], port, parts[2], Arrays.asList(parts).subList(3, parts.length), Optional.empty());
    }

    private record RtpMap(int payloadType, String encoding, int clockRate, int channels) {}

    private static SdpOffer interpret(Section session, List<Section> sections) {
        if (session.has("ice-lite")) {
            throw new SdpException("the offer is ice-lite too: two lite agents cannot connect (RFC 8445 §2.5)");
        }
        List<SdpMedia> media = new ArrayList<>();
        int audioIndex = -1;
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            SdpMedia m = s.media.orElseThrow();
            media.add(new SdpMedia(m.kind(), m.port(), m.protocol(), m.formats(), s.first("mid").map(String::trim)));
            if (audioIndex < 0 && m.kind().equals("audio")) {
                audioIndex = i;
            }
        }
        if (audioIndex < 0) {
            throw new SdpException(media.isEmpty() ? "the offer has no m= line"
                    : "the offer has no audio m-line (it offers " + media.stream().map(SdpMedia::kind).toList() + ")");
        }
        Section audio = sections.get(audioIndex);
        SdpMedia audioMedia = media.get(audioIndex);
        if (audioMedia.port() == 0 && !audio.has("bundle-only")) {
            throw new SdpException("the offer's audio m-line is disabled (port 0)");
        }
        if (!audioMedia.protocol().equalsIgnoreCase("UDP/TLS/RTP/SAVPF")
                && !audioMedia.protocol().equalsIgnoreCase("UDP/TLS/RTP/SAVP")) {
            throw new SdpException("audio protocol " + audioMedia.protocol()
                    + " is not UDP/TLS/RTP/SAVPF (DTLS-SRTP over UDP)");
        }
        String mid = audioMedia.mid().orElseThrow(() -> new SdpException("the audio m-line has no a=mid"));
        IceCredentials credentials = credentials(audio, session);
        Fingerprint fingerprint = fingerprint(audio).or(() -> fingerprint(session))
                .orElseThrow(() -> new SdpException("the offer has no a=fingerprint"));
        SetupRole setup = either(audio, session, "setup").map(SetupRole::parse).orElse(SetupRole.ACTIVE);
        if (setup == SetupRole.PASSIVE) {
            throw new SdpException("the offer has a=setup:passive, but we are always the passive (DTLS server) side");
        }
        if (setup == SetupRole.HOLDCONN) {
            throw new SdpException("the offer has a=setup:holdconn: there is no DTLS connection to set up");
        }
        if (!audio.has("rtcp-mux")) {
            throw new SdpException("the audio m-line lacks a=rtcp-mux, which we require");
        }
        List<RtpMap> rtpMaps = audio.all("rtpmap").stream().map(SdpOffer::parseRtpMap).toList();
        RtpMap opus = inFormatOrder(audioMedia, rtpMaps).stream()
                .filter(r -> r.encoding().equals("opus") && r.clockRate() == 48000 && r.channels() == 2)
                .findFirst()
                .orElseThrow(() -> new SdpException("the audio m-line offers no opus/48000/2 payload type"));
        List<RtpMap> telephoneEvents = inFormatOrder(audioMedia, rtpMaps).stream()
                .filter(r -> r.encoding().equals("telephone-event"))
                .sorted((a, b) -> Boolean.compare(b.clockRate() == 48000, a.clockRate() == 48000))
                .toList();
        MediaDirection direction = direction(audio).or(() -> direction(session)).orElse(MediaDirection.SENDRECV);
        List<String> bundle = session.all("group").stream()
                .map(String::trim)
                .filter(g -> g.startsWith("BUNDLE"))
                .findFirst()
                .map(g -> Arrays.asList(g.split("\\s+")).subList(1, g.split("\\s+").length))
                .orElse(List.of());
        return new SdpOffer(credentials, fingerprint, setup, mid, opus.payloadType(), fmtp(audio, opus.payloadType()),
                bundle, direction,
                telephoneEvents.isEmpty() ? OptionalInt.empty() : OptionalInt.of(telephoneEvents.get(0).payloadType()),
                media, audioIndex);
    }

    private static Optional<String> either(Section media, Section session, String name) {
        return media.first(name).or(() -> session.first(name)).map(String::trim);
    }

    private static IceCredentials credentials(Section audio, Section session) {
        Optional<String> ufrag = either(audio, session, "ice-ufrag");
        Optional<String> pwd = either(audio, session, "ice-pwd");
        if (ufrag.isEmpty() || pwd.isEmpty()) {
            throw new SdpException("the offer has no ICE credentials (a=ice-ufrag and a=ice-pwd)");
        }
        try {
            return new IceCredentials(ufrag.get(), pwd.get());
        } catch (IceException e) {
            throw new SdpException("the offer's ICE credentials are invalid: " + e.getMessage());
        }
    }

    /** The first fingerprint with a supported hash; unsupported ones (e.g. sha-1) are skipped. */
    private static Optional<Fingerprint> fingerprint(Section section) {
        List<String> values = section.all("fingerprint");
        List<String> refused = new ArrayList<>();
        for (String value : values) {
            try {
                return Optional.of(Fingerprint.parse(value));
            } catch (DtlsException e) {
                refused.add(e.getMessage());
            }
        }
        if (!refused.isEmpty()) {
            throw new SdpException("no usable a=fingerprint: " + String.join("; ", refused));
        }
        return Optional.empty();
    }

    private static Optional<MediaDirection> direction(Section section) {
        for (Attribute a : section.attributes) {
            Optional<MediaDirection> d = MediaDirection.of(a.name());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static RtpMap parseRtpMap(String value) {
        String[] parts = value.trim().split("\\s+");
        String[] codec = parts.length == 2 ? parts[1].split("/") : new String[0];
        try {
            if (codec.length < 2 || codec.length > 3) {
                throw new NumberFormatException();
            }
            return new RtpMap(Integer.parseInt(parts[0]), codec[0].toLowerCase(Locale.ROOT), Integer.parseInt(codec[1]),
                    codec.length == 3 ? Integer.parseInt(codec[2]) : 1);
        } catch (NumberFormatException e) {
            throw new SdpException("a=rtpmap:" + value + " is not '<pt> <encoding>/<clock>[/<channels>]'");
        }
    }

    /** Rtpmaps of the payload types the m= line lists, in its (preference) order. */
    private static List<RtpMap> inFormatOrder(SdpMedia media, List<RtpMap> rtpMaps) {
        List<RtpMap> ordered = new ArrayList<>();
        for (String format : media.formats()) {
            for (RtpMap r : rtpMaps) {
                if (String.valueOf(r.payloadType()).equals(format)) {
                    ordered.add(r);
                }
            }
        }
        return ordered;
    }

    private static Optional<String> fmtp(Section audio, int payloadType) {
        String prefix = payloadType + " ";
        return audio.all("fmtp").stream()
                .map(String::trim)
                .filter(v -> v.startsWith(prefix))
                .map(v -> v.substring(prefix.length()).trim())
                .findFirst();
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
