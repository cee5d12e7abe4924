/**
 * A local server speaking Deepgram's live streaming speech-to-text protocol ({@code /v1/listen}):
 * it segments the audio it receives and answers each segment with the next line of the call script
 * named by the connection's {@code tag}, with configurable latency and injectable faults (401/429,
 * slow upgrade, dropped connection, malformed message). Entry point: {@link
 * dev.sparring.loadtest.simulators.deepgram.DeepgramSimulator}.
 */
package dev.sparring.loadtest.simulators.deepgram;
