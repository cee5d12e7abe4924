/**
 * The load engine: keeps N emulated calls up for a duration, with a ramp, and records what the
 * callers experienced into HdrHistogram recorders (turn latency, barge-in reaction, playback gaps,
 * set-up time) per interval and per concurrency level. The CLI and the tests drive the same code.
 */
package dev.sparring.loadtest.run;
