package dev.sparring.media.providers.scripted;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rep words count as talking about a reaction topic. Checked in this order; the first topic
 * mentioned wins. Phrases match case-insensitively on word boundaries.
 */
public record TopicKeywords(Map<String, List<String>> topics) {
    public TopicKeywords {
        topics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    }

    public static TopicKeywords defaults() {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        topics.put("price", List.of("price", "prices", "pricing", "cost", "costs", "fee", "fees", "expensive",
                "cheap", "cheaper", "budget", "afford", "dollars", "payment", "payments", "discount"));
        topics.put("rate", List.of("rate", "rates", "interest", "percent", "basis points", "points", "fixed", "variable"));
        topics.put("timing", List.of("timing", "timeline", "this week", "this month", "this quarter", "next week",
                "next month", "today", "tomorrow", "soon", "deadline", "when", "how long"));
        topics.put("competitor", List.of("competitor", "competitors", "competition", "other lender", "other lenders",
                "other vendor", "other vendors", "alternative", "alternatives", "versus", "compared to"));
        topics.put("next_step", List.of("next step", "next steps", "demo", "trial", "proposal", "get started",
                "move forward", "sign up", "paperwork", "application", "apply"));
        return new TopicKeywords(topics);
    }
}
