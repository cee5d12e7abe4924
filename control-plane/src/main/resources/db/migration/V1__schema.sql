-- Sparring control-plane schema, version 1.
-- Every table a tenant owns carries org_id, and every repository query filters on it.
-- Timestamps are timestamptz (UTC instants); identifiers of catalog entries are slugs.
-- Foreign keys between tenant tables include org_id, so no row can point into another organisation.

CREATE TABLE organisations (
    id          uuid        PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id                    uuid        PRIMARY KEY,
    org_id                uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email                 text        NOT NULL,
    display_name          text        NOT NULL,
    role                  text        NOT NULL CHECK (role IN ('rep', 'coach', 'admin')),
    -- E.164 caller number: maps an inbound phone call to the rep who placed it.
    phone                 text,
    preferred_scenario_id text,
    created_at            timestamptz NOT NULL,
    UNIQUE (org_id, email),
    UNIQUE (org_id, phone),
    -- Target of composite foreign keys, so a row can never point at another organisation's user.
    UNIQUE (org_id, id)
);

CREATE TABLE api_keys (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL,
    name         text        NOT NULL,
    -- The first characters of the key, shown in listings so a key can be recognised; never the key itself.
    prefix       text        NOT NULL,
    -- SHA-256 of the full key; the plaintext is returned once at creation and never stored.
    key_hash     bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX api_keys_org ON api_keys (org_id, created_at DESC);

CREATE TABLE personas (
    org_id      uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    id          text        NOT NULL CHECK (id ~ '^[a-z0-9-]+$'),
    name        text        NOT NULL,
    difficulty  int         NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
    document    jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE scenarios (
    org_id      uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    id          text        NOT NULL CHECK (id ~ '^[a-z0-9-]+$'),
    title       text        NOT NULL,
    persona_id  text        NOT NULL,
    difficulty  int         NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
    rubric      jsonb       NOT NULL,
    document    jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, persona_id) REFERENCES personas (org_id, id)
);

CREATE TABLE dialled_numbers (
    -- A phone number belongs to exactly one organisation, so the number alone resolves the tenant.
    number      text        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    scenario_id text        NOT NULL,
    created_at  timestamptz NOT NULL,
    FOREIGN KEY (org_id, scenario_id) REFERENCES scenarios (org_id, id)
);
CREATE INDEX dialled_numbers_org ON dialled_numbers (org_id);

CREATE TABLE calls (
    id                uuid        PRIMARY KEY,
    org_id            uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    scenario_id       text        NOT NULL,
    -- NULL for a guest caller whose number maps to no user.
    user_id           uuid,
    channel           text        NOT NULL CHECK (channel IN ('twilio', 'webrtc')),
    state             text        NOT NULL CHECK (state IN ('created', 'connecting', 'live', 'ended',
                                                            'scored', 'failed', 'abandoned')),
    from_number       text,
    to_number         text,
    twilio_call_sid   text        UNIQUE,
    script            text,
    media_server_id   text,
    media_server_url  text,
    last_heartbeat_at timestamptz,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    ended_at          timestamptz,
    scored_at         timestamptz,
    end_reason        text,
    last_seq          bigint      CHECK (last_seq >= 0),
    FOREIGN KEY (org_id, scenario_id) REFERENCES scenarios (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE SET NULL (user_id),
    UNIQUE (org_id, id)
);
-- Listing newest first per organisation, keyset-paginated on (created_at, id).
CREATE INDEX calls_org_created ON calls (org_id, created_at DESC, id DESC);
CREATE INDEX calls_org_user_created ON calls (org_id, user_id, created_at DESC, id DESC);
-- The reaper and the scoring step only ever look at calls that are not finished.
CREATE INDEX calls_unfinished ON calls (state, created_at)
    WHERE state IN ('created', 'connecting', 'live', 'ended', 'failed');

CREATE TABLE call_events (
    org_id      uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    call_id     uuid        NOT NULL,
    seq         bigint      NOT NULL CHECK (seq >= 1),
    type        text        NOT NULL,
    at          timestamptz NOT NULL,
    data        jsonb       NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (call_id, seq),
    FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);

CREATE TABLE utterances (
    org_id         uuid    NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    call_id        uuid    NOT NULL,
    seq            bigint  NOT NULL CHECK (seq >= 1),
    speaker        text    NOT NULL CHECK (speaker IN ('rep', 'prospect')),
    turn           int     NOT NULL,
    -- For the prospect: what the caller actually heard (cut at a barge-in).
    text           text    NOT NULL,
    start_ms       bigint  NOT NULL,
    end_ms         bigint  NOT NULL,
    recognised     boolean NOT NULL,
    interrupted    boolean NOT NULL,
    -- For the prospect: what the language model produced, before any cut.
    generated_text text,
    PRIMARY KEY (call_id, seq),
    FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);

CREATE TABLE injections (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    call_id      uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('curveball', 'context')),
    text         text        NOT NULL,
    timing       text        NOT NULL CHECK (timing IN ('now', 'next-turn', 'after-bot-turn')),
    status       text        NOT NULL CHECK (status IN ('requested', 'forwarded', 'applied', 'failed')),
    requested_by uuid,
    requested_at timestamptz NOT NULL,
    forwarded_at timestamptz,
    applied_at   timestamptz,
    error        text,
    FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, requested_by) REFERENCES users (org_id, id) ON DELETE SET NULL (requested_by)
);
CREATE INDEX injections_call ON injections (org_id, call_id, requested_at);

CREATE TABLE scores (
    call_id     uuid             PRIMARY KEY,
    org_id      uuid             NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    total       double precision NOT NULL CHECK (total BETWEEN 0 AND 100),
    breakdown   jsonb            NOT NULL,
    computed_at timestamptz      NOT NULL,
    FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);

CREATE TABLE twilio_status_callbacks (
    id          bigserial   PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    call_id     uuid,
    call_sid    text        NOT NULL,
    call_status text        NOT NULL,
    params      jsonb       NOT NULL,
    received_at timestamptz NOT NULL,
    FOREIGN KEY (org_id, call_id) REFERENCES calls (org_id, id) ON DELETE CASCADE
);
CREATE INDEX twilio_status_callbacks_call ON twilio_status_callbacks (org_id, call_id, received_at);
