/**
 * OpenAI Realtime speech-to-speech as an alternative pipeline mode: a Netty WebSocket client for
 * {@code /v1/realtime} ({@link dev.sparring.media.providers.openai.realtime.OpenAiRealtimeModel},
 * settings in {@link dev.sparring.media.providers.openai.realtime.RealtimeConfig}) and the call
 * pipeline that plays its audio through the paced playout with marks
 * ({@link dev.sparring.media.providers.openai.realtime.RealtimeCallPipeline}). The protocol subset,
 * settings and failure handling are described in docs/providers/openai-realtime.md.
 */
package dev.sparring.media.providers.openai.realtime;
