package dev.sparring.media.pipeline;

/**
 * A coach's injection, as posted to {@code /internal/calls/{id}/injections}.
 *
 * @param kind   {@code curveball} or {@code context}
 * @param timing {@code now}, {@code next-turn} or {@code after-bot-turn}
 */
public record Injection(String id, String kind, String text, String timing) {}
