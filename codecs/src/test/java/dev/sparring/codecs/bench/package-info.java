/**
 * JMH benchmarks of the per-frame hot paths (G.711, resampling, levels, VAD). They compile with
 * the tests but only run through the {@code bench} Maven profile, which adds the JMH annotation
 * processor; see {@code docs/benchmarks.md} for the command and the figures.
 */
package dev.sparring.codecs.bench;
