package dev.sparring.controlplane.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests by method and path template ({@code /api/calls/{id}}) to endpoints, reads bodies
 * within the size limit, runs each route's filters, and turns every failure into
 * {@code application/problem+json}. Immutable after construction; called on Jetty worker threads.
 */
public final class Router extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private record Route(String method, String template, Pattern pattern, List<String> names,
                         List<Filter> filters, Endpoint endpoint, Timer timer) {
    }

    private final List<Route> routes;
    private final int maxBodyBytes;

    private Router(List<Route> routes, int maxBodyBytes) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
    }

    public static Builder builder(MeterRegistry registry, int maxBodyBytes) {
        return new Builder(registry, maxBodyBytes);
    }

    /** Collects routes; not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private final int maxBodyBytes;
        private final List<Route> routes = new ArrayList<>();

        private Builder(MeterRegistry registry, int maxBodyBytes) {
            this.registry = registry;
            this.maxBodyBytes = maxBodyBytes;
        }

        public Builder route(String method, String template, Endpoint endpoint, Filter... filters) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            Timer timer = Timer.builder("http.server.requests.route")
                    .description("Time to answer requests, by route")
                    .tag("method", method).tag("route", template)
                    .register(registry);
            routes.add(new Route(method, template, Pattern.compile(regex.toString()), names,
                    List.of(filters), endpoint, timer));
            return this;
        }

        public Router build() {
            return new Router(routes, maxBodyBytes);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        boolean pathMatched = false;
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathMatched = true;
            if (!route.method.equals(request.getMethod())) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < route.names.size(); i++) {
                params.put(route.names.get(i), m.group(i + 1));
            }
            Timer.Sample sample = Timer.start();
            try {
                serve(route, request, response, callback, params);
            } finally {
                sample.stop(route.timer);
            }
            return true;
        }
        if (pathMatched) {
            write(response, callback, problem(405, "Method Not Allowed",
                    request.getMethod() + " is not supported on " + path));
        } else {
            write(response, callback, problem(404, "Not Found", "no such endpoint: " + path));
        }
        return true;
    }

    private void serve(Route route, Request request, Response response, Callback callback, Map<String, String> params) {
        try {
            byte[] body = readBody(request);
            Exchange exchange = new Exchange(request, response, callback, params, body);
            for (Filter filter : route.filters) {
                filter.apply(exchange);
            }
            Reply reply = route.endpoint.handle(exchange);
            if (reply != Reply.STREAMING) {
                write(response, callback, reply);
            }
        } catch (ProblemException e) {
            write(response, callback, problem(e.status(), e.title(), e.detail()));
        } catch (Exception e) {
            String errorId = UUID.randomUUID().toString();
            log.error("request {} {} failed (error id {})", request.getMethod(), request.getHttpURI().getPath(), errorId, e);
            write(response, callback, problem(500, "Internal Server Error",
                    "the server failed to answer; quote error id " + errorId + " when reporting it"));
        }
    }

    private byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw new ProblemException(413, "Content Too Large",
                    "the body is " + declared + " bytes; the limit is " + maxBodyBytes);
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw new ProblemException(413, "Content Too Large", "the body exceeds the limit of " + maxBodyBytes + " bytes");
            }
            return body;
        }
    }

    public static Reply problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new Reply(status, "application/problem+json", Json.bytes(body), Map.of());
    }

    static void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType()
                + (reply.contentType().contains("charset") || !isText(reply.contentType()) ? "" : "; charset=utf-8"));
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    private static boolean isText(String contentType) {
        return contentType.startsWith("text/") || contentType.contains("json") || contentType.contains("xml");
    }

    /** For tests and diagnostics: the templates this router serves. */
    public List<String> templates() {
        return routes.stream().map(r -> r.method + " " + r.template).toList();
    }

}
