/**
 * Deepgram live streaming speech-to-text ({@code /v1/listen} over WebSocket, on Netty): query
 * parameters, Results/UtteranceEnd/SpeechStarted/Metadata, KeepAlive/Finalize/CloseStream, and
 * reconnection that resends the audio no final result has covered, with times kept on the call's
 * clock. Entry points: {@link dev.sparring.media.providers.deepgram.DeepgramSpeechToText} and
 * {@link dev.sparring.media.providers.deepgram.DeepgramConfig}; tested against
 * {@code dev.sparring.loadtest.simulators.deepgram.DeepgramSimulator}.
 */
package dev.sparring.media.providers.deepgram;
