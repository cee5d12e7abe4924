package dev.sparring.controlplane.http;

/** Handles one route. Runs on a Jetty worker thread, so it may block on JDBC. */
@FunctionalInterface
public interface Endpoint {
    /**
     * @return the reply, or {@link Reply#STREAMING} when the endpoint took over the response itself
     */
    Reply handle(Exchange exchange) throws Exception;
}
