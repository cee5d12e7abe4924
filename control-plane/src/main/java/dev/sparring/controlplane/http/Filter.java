package dev.sparring.controlplane.http;

/** Runs before a route's endpoint (authentication); throws {@link ProblemException} to refuse. */
@FunctionalInterface
public interface Filter {
    void apply(Exchange exchange);
}
