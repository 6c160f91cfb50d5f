-- +goose Up
-- Issue 13: the live session: agenda, speaker queue, timekeeping, the
-- rapporteur's record and the event log the live pages follow.

-- One row per consultation with a live session: the time per
-- intervention, where the session stands, and the counter of its events
-- (advanced by UPDATE … RETURNING inside the writing transaction, so
-- events of one consultation commit in the order of their numbers).
CREATE TABLE live_sessions (
    consultation_id      BIGINT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    intervention_seconds INTEGER NOT NULL DEFAULT 180,
    current_item_id      BIGINT,
    item_started_at      TIMESTAMPTZ,
    record_published_at  TIMESTAMPTZ,
    event_seq            BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE agenda_items (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    minutes         INTEGER NOT NULL,
    question_id     BIGINT REFERENCES questions(id) ON DELETE SET NULL
);
CREATE INDEX agenda_items_consultation ON agenda_items(consultation_id, position);

-- The speaker queue: who asked for the floor (a registrant, or a name the
-- moderator typed), on which item, and what became of it.
CREATE TABLE live_speakers (
    id                BIGSERIAL PRIMARY KEY,
    consultation_id   BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    item_id           BIGINT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    registration_id   TEXT REFERENCES registrations(id),
    name              TEXT NOT NULL DEFAULT '',
    stakeholder_group TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    topic             TEXT NOT NULL DEFAULT '',
    position          INTEGER NOT NULL,
    state             TEXT NOT NULL,
    asked_at          TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ
);
CREATE INDEX live_speakers_queue ON live_speakers(consultation_id, state, position);

-- The rapporteur's record of the interventions.
CREATE TABLE interventions (
    id                BIGSERIAL PRIMARY KEY,
    consultation_id   BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    speaker_id        BIGINT REFERENCES live_speakers(id) ON DELETE SET NULL,
    registration_id   TEXT REFERENCES registrations(id),
    name              TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    country           TEXT NOT NULL DEFAULT '',
    question_id       BIGINT REFERENCES questions(id) ON DELETE SET NULL,
    summary           TEXT NOT NULL,
    key_points        TEXT NOT NULL DEFAULT '',
    started_at        TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ,
    recorded_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX interventions_consultation ON interventions(consultation_id, id);

-- The live pages' event log: numbered per consultation; public data only.
CREATE TABLE live_events (
    consultation_id BIGINT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    data            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consultation_id, seq)
);

-- +goose Down
DROP TABLE live_events;
DROP TABLE interventions;
DROP TABLE live_speakers;
DROP TABLE agenda_items;
DROP TABLE live_sessions;
