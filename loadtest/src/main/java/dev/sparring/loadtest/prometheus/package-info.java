/** Reads a service's Prometheus {@code /metrics} during a load run: a generic text-format parser and a scraper. */
package dev.sparring.loadtest.prometheus;
