package dev.sparring.controlplane.calls;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Filters and page for listing an organisation's calls, newest first.
 *
 * @param createdAfter  inclusive lower bound on {@code created_at}
 * @param createdBefore exclusive upper bound on {@code created_at}
 * @param limit         page size, 1..{@value #MAX_LIMIT}
 * @param cursor        {@link CallPage#nextCursor()} of the previous page; empty for the first page
 */
public record CallQuery(Optional<CallState> state, Optional<String> scenarioId, Optional<UUID> userId,
                        Optional<Channel> channel, Optional<Instant> createdAfter, Optional<Instant> createdBefore,
                        int limit, Optional<String> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public CallQuery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(scenarioId, "scenarioId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAfter, "createdAfter");
        Objects.requireNonNull(createdBefore, "createdBefore");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " but was " + limit);
        }
    }

    /** No filters, first page of {@link #DEFAULT_LIMIT}. */
    public static CallQuery all() {
        return new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT, Optional.empty());
    }

    public CallQuery withState(CallState value) {
        return new CallQuery(Optional.of(value), scenarioId, userId, channel, createdAfter, createdBefore, limit,
                cursor);
    }

    public CallQuery withScenario(String value) {
        return new CallQuery(state, Optional.of(value), userId, channel, createdAfter, createdBefore, limit, cursor);
    }

    public CallQuery withUser(UUID value) {
        return new CallQuery(state, scenarioId, Optional.of(value), channel, createdAfter, createdBefore, limit,
                cursor);
    }

    public CallQuery withChannel(Channel value) {
        return new CallQuery(state, scenarioId, userId, Optional.of(value), createdAfter, createdBefore, limit,
                cursor);
    }

    public CallQuery withCreatedBetween(Optional<Instant> after, Optional<Instant> before) {
        return new CallQuery(state, scenarioId, userId, channel, after, before, limit, cursor);
    }

    public CallQuery withLimit(int value) {
        return new CallQuery(state, scenarioId, userId, channel, createdAfter, createdBefore, value, cursor);
    }

    public CallQuery after(String pageCursor) {
        return new CallQuery(state, scenarioId, userId, channel, createdAfter, createdBefore, limit,
                Optional.of(pageCursor));
    }
}
