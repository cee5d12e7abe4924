package dev.sparring.media.providers.scripted;

import dev.sparring.media.pipeline.LanguageModel.Message;
import dev.sparring.media.pipeline.LanguageModel.Request;
import dev.sparring.media.pipeline.LanguageModel.Role;
import dev.sparring.media.pipeline.Phrases;
import dev.sparring.media.pipeline.session.Goal;
import dev.sparring.media.pipeline.session.Objection;
import dev.sparring.media.pipeline.session.Persona;
import dev.sparring.media.pipeline.session.Reactions;
import dev.sparring.media.pipeline.session.Rubric;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the scripted prospect's next line from persona and rubric data alone. Stateless: the state
 * (objections raised and addressed, goal reached) is re-derived from the conversation each time,
 * so a reply cut by a barge-in counts only with the words the rep heard.
 *
 * <p>Rules, first match wins:
 * <ol>
 *   <li>a curveball in the request → {@code reactions.curveball} with {@code {text}};</li>
 *   <li>goal already reached → {@code reactions.closing};</li>
 *   <li>rep's words unknown (no recogniser) → the script advances: next unraised objection line,
 *       then {@code goal.agreement_line}, then closing, then {@code reactions.unrecognised};</li>
 *   <li>rep asks for the goal ({@code goal.rep_asks}) → agreement line when every raised objection
 *       was addressed, else the first unaddressed objection's line again;</li>
 *   <li>this rep turn addressed an objection ({@code addressed_when}) → next unraised objection, or
 *       {@code reactions.next_step} when none is left;</li>
 *   <li>no objection is open → raise the next one (its {@code line});</li>
 *   <li>the rep talked about a topic ({@link TopicKeywords}) → that topic's reaction;</li>
 *   <li>otherwise {@code reactions.unrecognised}.</li>
 * </ol>
 * An objection counts as raised once a prospect message contains its line or any of its keywords.
 */
public final class ScriptedReplyPolicy {
    private static final String FALLBACK = "Sorry, go on.";
    private final Persona persona;
    private final Rubric rubric;
    private final TopicKeywords topics;

    public ScriptedReplyPolicy(Persona persona, Rubric rubric, TopicKeywords topics) {
        this.persona = persona;
        this.rubric = rubric;
        this.topics = topics;
    }

    public String reply(Request request) {
        Reactions reactions = persona.reactions();
        if (request.curveball().isPresent()) {
            String template = reactions.line(Reactions.CURVEBALL).orElse("{text}");
            return template.replace("{text}", request.curveball().get());
        }
        State state = replay(request.history());
        Optional<Goal> goal = rubric.goal();
        if (state.goalReached) {
            return reactions.line(Reactions.CLOSING).orElse(FALLBACK);
        }
        Optional<Message> last = lastUser(request.history());
        if (last.isEmpty() || !last.get().recognised()) {
            Optional<Objection> next = nextUnraised(state);
            if (next.isPresent()) {
                return next.get().line();
            }
            return goal.map(Goal::agreementLine).orElse(reactions.line(Reactions.UNRECOGNISED).orElse(FALLBACK));
        }
        String said = last.get().content();
        if (goal.isPresent() && Phrases.containsAny(said, goal.get().repAsks())) {
            Optional<Objection> open = firstOpen(state);
            return open.map(Objection::line).orElse(goal.get().agreementLine());
        }
        if (state.addressedByLast) {
            return nextUnraised(state).map(Objection::line)
                    .orElse(reactions.line(Reactions.NEXT_STEP).orElse(FALLBACK));
        }
        if (firstOpen(state).isEmpty()) {
            Optional<Objection> next = nextUnraised(state);
            if (next.isPresent()) {
                return next.get().line();
            }
        }
        for (Map.Entry<String, List<String>> topic : topics.topics().entrySet()) {
            if (Phrases.containsAny(said, topic.getValue())) {
                Optional<String> line = reactions.line(topic.getKey());
                if (line.isPresent()) {
                    return line.get();
                }
            }
        }
        return reactions.line(Reactions.UNRECOGNISED).orElse(FALLBACK);
    }

    private static final class State {
        final Set<String> raised = new HashSet<>();
        final Set<String> addressed = new HashSet<>();
        boolean goalReached;
        boolean addressedByLast;
    }

    private State replay(List<Message> history) {
        State state = new State();
        for (Message message : history) {
            state.addressedByLast = false;
            if (message.role() == Role.ASSISTANT) {
                for (Objection o : rubric.objections()) {
                    if (Phrases.contains(message.content(), o.line()) || Phrases.containsAny(message.content(), o.keywords())) {
                        state.raised.add(o.id());
                    }
                }
                rubric.goal().ifPresent(g -> state.goalReached |= Phrases.containsAny(message.content(), g.prospectAgrees())
                        || Phrases.contains(message.content(), g.agreementLine()));
            } else if (!message.recognised()) {
                // Unknown words cannot address anything specific; the script simply moves on.
                state.addressed.addAll(state.raised);
            } else {
                for (Objection o : rubric.objections()) {
                    if (state.raised.contains(o.id()) && !state.addressed.contains(o.id())
                            && Phrases.containsAny(message.content(), o.addressedWhen())) {
                        state.addressed.add(o.id());
                        state.addressedByLast = true;
                    }
                }
            }
        }
        return state;
    }

    private Optional<Objection> nextUnraised(State state) {
        return rubric.objections().stream().filter(o -> !state.raised.contains(o.id())).findFirst();
    }

    private Optional<Objection> firstOpen(State state) {
        return rubric.objections().stream()
                .filter(o -> state.raised.contains(o.id()) && !state.addressed.contains(o.id())).findFirst();
    }

    private static Optional<Message> lastUser(List<Message> history) {
        if (history.isEmpty() || history.get(history.size() - 1).role() != Role.USER) {
            return Optional.empty();
        }
        return Optional.of(history.get(history.size() - 1));
    }
}
