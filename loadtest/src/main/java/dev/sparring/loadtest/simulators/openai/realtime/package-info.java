/**
 * A local server speaking the OpenAI Realtime WebSocket protocol ({@code /v1/realtime}): it runs
 * its own energy VAD on the caller audio it receives, answers each speech segment's input
 * transcription with the next line of the call script named in the session's trace metadata, and
 * speaks the prospect's replies as real FreeTTS speech in the session's audio format, with
 * configurable latency and injectable faults. Entry point: {@link
 * dev.sparring.loadtest.simulators.openai.realtime.RealtimeSimulator}.
 */
package dev.sparring.loadtest.simulators.openai.realtime;
