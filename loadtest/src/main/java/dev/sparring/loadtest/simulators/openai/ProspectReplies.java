package dev.sparring.loadtest.simulators.openai;

import dev.sparring.loadtest.simulators.openai.ChatRequest.ChatMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the prospect without a model: deterministic rules over the request, so a load test or an
 * offline demo gets a plausible, repeatable reply that still depends on what the rep said.
 *
 * <ul>
 *   <li>The persona comes from the first system message ({@code You are <name>, …} and the
 *       {@code Objections to use during the conversation:} line of the persona template).</li>
 *   <li>A curveball is voiced when a system or developer message after the rep's last turn asks for
 *       one: the word {@code curveball} followed by the quoted text.</li>
 *   <li>Otherwise the rep's last message is matched on whole words for price, rate, timing,
 *       competitor and next-step topics; a question without a topic gets one of the persona's
 *       objections; anything else gets a short in-character question, rotating with the turn.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class ProspectReplies {

    static final String UNRECOGNISED_MARKER = "the words were not recognised";

    private static final Pattern NAME = Pattern.compile("You are ([^,.\\n]+)");
    private static final Pattern OBJECTIONS = Pattern.compile("Objections to use during the conversation:\\s*(.+)");
    private static final Pattern CURVEBALL = Pattern.compile("(?is)curveball.*?\"(.+?)\"");

    private static final List<Topic> TOPICS = List.of(
            new Topic(List.of("price", "pricing", "cost", "costs", "fee", "fees", "expensive", "budget", "afford"),
                    "Before we go any further, what is this going to cost me, all in?"),
            new Topic(List.of("rate", "rates", "interest", "percent", "apr"),
                    "What rate could you actually offer me, and is it locked?"),
            new Topic(List.of("timing", "timeline", "today", "tomorrow", "soon", "deadline", "this week", "this month"),
                    "I'm not in a rush. Why would I do this now rather than next quarter?"),
            new Topic(List.of("competitor", "competitors", "competition", "alternative", "alternatives", "versus",
                    "other lender", "other lenders", "other vendor"),
                    "I've already talked to someone else. Why should I pick you over them?"),
            new Topic(List.of("next step", "next steps", "demo", "meeting", "follow-up", "follow up", "proposal",
                    "get started", "move forward", "application"),
                    "Alright, I could do a short follow-up. What would you need from me?"));

    private static final List<String> QUESTIONS = List.of(
            "What exactly are you offering me?",
            "How is that different from what I have now?",
            "What would that mean for me in practice?",
            "Why should I care about that right now?");

    private record Topic(List<String> phrases, String reply) {
    }

    String reply(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String persona = messages.stream().filter(m -> isInstruction(m.role())).map(ChatMessage::content)
                .findFirst().orElse("");
        int lastUser = lastIndexOf(messages, "user");
        Optional<String> curveball = curveball(messages.subList(lastUser + 1, messages.size()));
        if (curveball.isPresent()) {
            return "Hold on. " + sentence(curveball.get()) + " So how do you answer that?";
        }
        if (lastUser < 0) {
            return "Hello, this is " + firstName(persona) + ". Who am I speaking with?";
        }
        String said = messages.get(lastUser).content();
        if (said.contains(UNRECOGNISED_MARKER)) {
            return "Sorry, you broke up there. Could you say that again?";
        }
        String words = " " + said.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9'\\- ]", " ").replaceAll("\\s+", " ") + " ";
        for (Topic topic : TOPICS) {
            for (String phrase : topic.phrases()) {
                if (words.contains(" " + phrase + " ")) {
                    return topic.reply();
                }
            }
        }
        int turn = (int) messages.stream().filter(m -> m.role().equals("assistant")).count();
        List<String> objections = objections(persona);
        if (said.trim().endsWith("?") && !objections.isEmpty()) {
            return "Honestly? " + sentence(objections.get(turn % objections.size()));
        }
        return QUESTIONS.get(turn % QUESTIONS.size());
    }

    private static boolean isInstruction(String role) {
        return role.equals("system") || role.equals("developer");
    }

    private static int lastIndexOf(List<ChatMessage> messages, String role) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals(role)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> curveball(List<ChatMessage> afterRep) {
        for (ChatMessage m : afterRep) {
            if (isInstruction(m.role())) {
                Matcher matcher = CURVEBALL.matcher(m.content());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1).trim());
                }
            }
        }
        return Optional.empty();
    }

    private static String firstName(String persona) {
        Matcher m = NAME.matcher(persona);
        return m.find() ? m.group(1).trim().split("\\s+")[0] : "the prospect";
    }

    private static List<String> objections(String persona) {
        Matcher m = OBJECTIONS.matcher(persona);
        if (!m.find()) {
            return List.of();
        }
        // The template renders the list either as YAML-ish "[a, b]" or joined with semicolons / quotes.
        String line = m.group(1).replaceAll("^\\[|]$", "");
        return java.util.Arrays.stream(line.split("\"\\s*,\\s*\"|;|\\|"))
                .map(s -> s.replace("\"", "").trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String sentence(String text) {
        String t = text.trim();
        return t.matches(".*[.!?]$") ? t : t + ".";
    }
}
