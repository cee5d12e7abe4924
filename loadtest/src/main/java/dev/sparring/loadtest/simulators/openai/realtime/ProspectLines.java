package dev.sparring.loadtest.simulators.openai.realtime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated prospect says, by deterministic rules over the conversation so a load test or
 * demo is repeatable yet follows the rep: per-response instructions quoting a line are obeyed word
 * for word (the greeting); a system message carrying a coach's curveball is voiced; otherwise the
 * rep's last words are matched on a few topics, and anything else gets a rotating question.
 * Stateless and thread-safe.
 */
final class ProspectLines {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern CURVEBALL = Pattern.compile("(?i)curveball[^:]*:\\s*(?:.*?in character:\\s*)?(.+)");

    private static final List<String[]> TOPICS = List.of(
            new String[] {"price", "What is this going to cost me, all in?"},
            new String[] {"cost", "What is this going to cost me, all in?"},
            new String[] {"rate", "What rate could you actually offer me, and is it locked?"},
            new String[] {"meet", "Alright, I could do a short follow-up. What would you need from me?"},
            new String[] {"follow", "Alright, I could do a short follow-up. What would you need from me?"});

    private static final List<String> QUESTIONS = List.of(
            "What exactly are you offering me?",
            "How is that different from what I have now?",
            "What would that mean for me in practice?",
            "Why should I care about that right now?");

    /**
     * @param instructions the response's own instructions, if any
     * @param curveball    an unvoiced system message, if any
     * @param repSaid      the rep's last transcribed words, if any
     * @param turn         how many replies the prospect gave so far
     */
    String reply(Optional<String> instructions, Optional<String> curveball, Optional<String> repSaid, int turn) {
        if (instructions.isPresent()) {
            Matcher quoted = QUOTED.matcher(instructions.get());
            if (quoted.find()) {
                return quoted.group(1);
            }
        }
        if (curveball.isPresent()) {
            Matcher m = CURVEBALL.matcher(curveball.get());
            if (m.find()) {
                return "Hold on. " + m.group(1).strip() + " So how do you answer that?";
            }
        }
        if (repSaid.isEmpty()) {
            return "Hello? Who am I speaking with?";
        }
        String said = repSaid.get().toLowerCase(Locale.ROOT);
        for (String[] topic : TOPICS) {
            if (said.matches("(?s).*\\b" + topic[0] + "\\w*\\b.*")) {
                return topic[1];
            }
        }
        return QUESTIONS.get(Math.floorMod(turn, QUESTIONS.size()));
    }

    /** @return true for a system message that asks the prospect to voice a curveball */
    static boolean isCurveball(String text) {
        return CURVEBALL.matcher(text).find();
    }
}
