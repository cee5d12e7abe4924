/**
 * A local OpenAI chat-completions server ({@link dev.sparring.loadtest.simulators.openai.OpenAiChatSimulator}):
 * bearer-key check, OpenAI's error bodies, replies streamed word by word as {@code chat.completion.chunk}
 * server-sent events ending in {@code data: [DONE]}, published-figure latencies, and injectable faults
 * (401, 429 with retry-after, 500, slow first byte, dropped stream, malformed chunk). Used by the
 * media server's client tests, load tests and offline demos.
 */
package dev.sparring.loadtest.simulators.openai;
