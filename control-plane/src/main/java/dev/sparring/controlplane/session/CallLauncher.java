package dev.sparring.controlplane.session;

import dev.sparring.controlplane.calls.Call;
import dev.sparring.controlplane.calls.CallRepository;
import dev.sparring.controlplane.calls.CallState;
import dev.sparring.controlplane.calls.NewCall;
import dev.sparring.controlplane.catalog.ScenarioRepository;
import dev.sparring.controlplane.http.ProblemException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates a call and what a client needs to connect its media to it: the media server's stream URL
 * (Twilio) or WebRTC offer URL (browsers) and a freshly minted session token. Used by the voice
 * webhook (Twilio) and the calls API. Stateless and thread-safe.
 */
public final class CallLauncher {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /**
     * What a client connects with: a Twilio Media Stream to {@code streamUrl}, a browser posts its
     * WebRTC offer to {@code offerUrl}; both carry {@code token}.
     */
    public record Launch(Call call, String streamUrl, String offerUrl, String token, Instant expiresAt) {
    }

    private final CallRepository calls;
    private final ScenarioRepository scenarios;
    private final SessionTokens tokens;
    private final String streamUrl;
    private final String offerUrl;
    private final Path scriptsDir;

    public CallLauncher(CallRepository calls, ScenarioRepository scenarios, SessionTokens tokens, String streamUrl,
                        String offerUrl, Path scriptsDir) {
        this.calls = calls;
        this.scenarios = scenarios;
        this.tokens = tokens;
        this.streamUrl = streamUrl;
        this.offerUrl = offerUrl;
        this.scriptsDir = scriptsDir;
    }

    /**
     * The media server's WebRTC offer endpoint, derived from its public WebSocket base URL: browsers
     * speak HTTP(S) to the same host and port, so {@code ws} becomes {@code http}, {@code wss}
     * becomes {@code https}, and any path or query is dropped for {@code /webrtc/offer}.
     */
    public static String webrtcOfferUrl(URI mediaServerPublicUrl) {
        String scheme = switch (mediaServerPublicUrl.getScheme().toLowerCase(Locale.ROOT)) {
            case "wss", "https" -> "https";
            default -> "http";
        };
        return scheme + "://" + mediaServerPublicUrl.getRawAuthority() + "/webrtc/offer";
    }

    /**
     * Creates the call in state {@code connecting} and mints its token.
     *
     * @throws ProblemException 400 for an unknown scenario or call script of this organisation
     */
    public Launch launch(UUID orgId, NewCall request) {
        if (scenarios.find(orgId, request.scenarioId()).isEmpty()) {
            throw ProblemException.badRequest("unknown scenario '" + request.scenarioId() + "'");
        }
        request.script().ifPresent(this::requireScript);
        Call created = calls.create(orgId, request);
        Call connecting = calls.transition(orgId, created.id(), EnumSet.of(CallState.CREATED), CallState.CONNECTING)
                .orElse(created);
        SessionToken token = tokens.newToken(connecting.id(), orgId, connecting.scenarioId(),
                connecting.channel().dbValue(), connecting.script());
        return new Launch(connecting, streamUrl, offerUrl, tokens.encode(token), token.expiresAt());
    }

    /** Call scripts live in {@code <catalog-dir>/scripts/<name>.yaml}; a name is a slug. */
    public void requireScript(String name) {
        if (!SLUG.matcher(name).matches()) {
            throw ProblemException.badRequest("script name '" + name + "' must be lower-case letters, digits and dashes");
        }
        if (!Files.isRegularFile(scriptsDir.resolve(name + ".yaml"))) {
            throw ProblemException.badRequest("unknown call script '" + name + "' (looked in " + scriptsDir + ")");
        }
    }

    public String streamUrl() {
        return streamUrl;
    }

    public Optional<String> validScript(Optional<String> name) {
        name.ifPresent(this::requireScript);
        return name;
    }
}
