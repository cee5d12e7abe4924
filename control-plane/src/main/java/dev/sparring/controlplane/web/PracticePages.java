package dev.sparring.controlplane.web;

import dev.sparring.controlplane.http.Exchange;
import dev.sparring.controlplane.http.Reply;
import java.net.URI;
import java.util.Map;

/**
 * The rep's practice page ({@code /practice}), its scripts and styles ({@code /practice/<file>}) and
 * a finished call's result page ({@code /practice/calls/<id>}). The pages are static; their scripts
 * call the public API with the rep's API key, so these routes need no authentication. Stateless
 * apart from {@link StaticFiles}' cache; called on Jetty worker threads.
 */
public final class PracticePages {
    /** Classpath folder of the pages' files. */
    public static final String FOLDER = "web";

    private final StaticFiles files;

    public PracticePages(StaticFiles files) {
        this.files = files;
    }

    /**
     * Pages served with a content security policy that allows scripts, styles and fetches from this
     * origin only, plus the WebRTC signalling requests to the media server's origin.
     */
    public static PracticePages create(String webrtcOfferUrl) {
        return new PracticePages(new StaticFiles(FOLDER, PracticePages.class.getClassLoader(), securityHeaders(webrtcOfferUrl)));
    }

    static Map<String, String> securityHeaders(String webrtcOfferUrl) {
        URI offer = URI.create(webrtcOfferUrl);
        String mediaOrigin = offer.getScheme() + "://" + offer.getRawAuthority();
        return Map.of(
                "Content-Security-Policy", "default-src 'self'; connect-src 'self' " + mediaOrigin
                        + "; img-src 'self' data:; media-src 'self' blob: mediastream:; object-src 'none'; base-uri 'none'"
                        + "; form-action 'self'; frame-ancestors 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Permissions-Policy", "microphone=(self), camera=()");
    }

    /** {@code GET /practice}. */
    public Reply practice(Exchange exchange) {
        return files.serve("practice.html", exchange.header("If-None-Match"));
    }

    /** {@code GET /practice/{file}}. */
    public Reply file(Exchange exchange) {
        String name = exchange.pathParam("file");
        if (name.endsWith(".html")) {
            // Pages have their own routes; serving them under a second name would only confuse links.
            return files.notFound(exchange.path());
        }
        return files.serve(name, exchange.header("If-None-Match"));
    }

    /** {@code GET /practice/calls/{id}}: the result page; its script reads the id from the address. */
    public Reply result(Exchange exchange) {
        exchange.pathUuid("id", "call");
        return files.serve("result.html", exchange.header("If-None-Match"));
    }

    /** {@code GET /}: people who open the bare address land on the practice page. */
    public Reply root(Exchange exchange) {
        return new Reply(302, "text/plain", new byte[0], Map.of("Location", "/practice"));
    }
}
