/** The load run's report: a terminal table, {@code report.json} and a self-contained {@code report.html} with SVG charts. */
package dev.sparring.loadtest.report;
