/**
 * OpenAI chat completions, streamed over server-sent events, as the prospect's language model
 * ({@link dev.sparring.media.providers.openai.OpenAiLanguageModel}, settings in
 * {@link dev.sparring.media.providers.openai.OpenAiConfig}). Works with any OpenAI-compatible server.
 * The protocol subset, settings and failure handling are described in docs/providers/openai.md.
 */
package dev.sparring.media.providers.openai;
