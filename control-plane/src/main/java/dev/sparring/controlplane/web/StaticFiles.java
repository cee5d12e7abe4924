package dev.sparring.controlplane.web;

import dev.sparring.controlplane.http.Reply;
import dev.sparring.controlplane.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the web pages' files from one classpath folder. A name is a single flat file name of
 * lower-case letters, digits and dashes with a known extension, so no request can name anything
 * outside the folder (no slashes, no dots but the extension's). Answers carry an ETag and
 * {@code Cache-Control: no-cache}: browsers revalidate with {@code If-None-Match} and get a 304,
 * so a deploy is picked up at once and an unchanged file costs no body.
 *
 * <p>Owns a cache of the files read so far (they never change while the process runs); thread-safe,
 * called on Jetty worker threads.
 */
public final class StaticFiles {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.([a-z]{2,4})");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8",
            "json", "application/json; charset=utf-8");

    /** One file as served. */
    public record Asset(String name, String contentType, byte[] body, String etag) {
    }

    private final String folder;
    private final ClassLoader loader;
    private final Map<String, String> headers;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /**
     * @param folder  classpath folder, e.g. {@code web}
     * @param headers added to every answer (security headers such as the content security policy)
     */
    public StaticFiles(String folder, ClassLoader loader, Map<String, String> headers) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
        this.loader = loader;
        this.headers = Map.copyOf(headers);
    }

    /** The file called {@code name}, if the name is acceptable and the file exists. */
    public Optional<Asset> asset(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || !TYPES.containsKey(m.group(1))) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, n -> read(n, TYPES.get(m.group(1))));
    }

    /**
     * The answer for {@code name}: 200 with the body, 304 when {@code ifNoneMatch} names its current
     * ETag, or a 404 problem when there is no such file.
     */
    public Reply serve(String name, Optional<String> ifNoneMatch) {
        Optional<Asset> found = asset(name);
        if (found.isEmpty()) {
            return notFound(name);
        }
        Asset asset = found.get();
        boolean fresh = ifNoneMatch.map(v -> matches(v, asset.etag())).orElse(false);
        Reply reply = fresh
                ? new Reply(304, asset.contentType(), new byte[0], Map.of())
                : new Reply(200, asset.contentType(), asset.body(), Map.of());
        return withHeaders(reply.withHeader("ETag", asset.etag()).withHeader("Cache-Control", "no-cache"));
    }

    private Reply withHeaders(Reply reply) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(reply.headers());
        return new Reply(reply.status(), reply.contentType(), reply.body(), Map.copyOf(all));
    }

    /** A 404 problem naming what was asked for. */
    public Reply notFound(String what) {
        return withHeaders(Router.problem(404, "Not Found", "no such file: " + what));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Asset> read(String name, String type) {
        try (InputStream in = loader.getResourceAsStream(folder + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(name, type, body, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + folder + name + " from the classpath", e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
