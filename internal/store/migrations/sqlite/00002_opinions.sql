-- +goose Up
-- The opinion map of a consultation (issue 3): statements, agree/disagree
-- votes and who cast them. Participants and statements carry dense numbers
-- within their consultation (pid, tid) as Pol.is does, so votes load as a
-- compact matrix and round-trip through Pol.is's open-data format.
CREATE TABLE opinion_settings (
    consultation_id   INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    enabled           INTEGER NOT NULL DEFAULT 0,
    open_to_verified  INTEGER NOT NULL DEFAULT 0, -- anyone with a verified email may take part
    strict_moderation INTEGER NOT NULL DEFAULT 0, -- only accepted statements are put to the vote
    updated_at        TIMESTAMP NOT NULL
);

CREATE TABLE opinion_participants (
    id                INTEGER PRIMARY KEY,
    consultation_id   INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    pid               INTEGER NOT NULL,             -- 0, 1, 2… within the consultation
    registration_id   TEXT REFERENCES registrations(id) ON DELETE SET NULL,
    email             TEXT NOT NULL DEFAULT '',     -- verified address of a participant without registration
    xid               TEXT NOT NULL DEFAULT '',     -- external id (Pol.is xid) of an imported participant
    stakeholder_group TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    UNIQUE (consultation_id, pid)
);
CREATE UNIQUE INDEX opinion_participants_registration ON opinion_participants(consultation_id, registration_id)
    WHERE registration_id IS NOT NULL;
CREATE UNIQUE INDEX opinion_participants_email ON opinion_participants(consultation_id, email) WHERE email <> '';

CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    tid             INTEGER NOT NULL,               -- 0, 1, 2… within the consultation (Pol.is comment-id)
    author_pid      INTEGER,                        -- NULL: written by the secretariat
    body            TEXT NOT NULL,
    lang            TEXT NOT NULL DEFAULT '',
    moderation      INTEGER NOT NULL DEFAULT 0,     -- 1 accepted, -1 rejected, 0 not yet moderated
    is_seed         INTEGER NOT NULL DEFAULT 0,
    is_meta         INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (consultation_id, tid),
    FOREIGN KEY (consultation_id, author_pid) REFERENCES opinion_participants(consultation_id, pid)
);

-- One row per participant and statement: a later vote replaces the earlier.
-- vote: 1 agree, -1 disagree, 0 pass (Pol.is's open-data convention).
CREATE TABLE votes (
    consultation_id INTEGER NOT NULL,
    tid             INTEGER NOT NULL,
    pid             INTEGER NOT NULL,
    vote            INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)),
    voted_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, tid, pid),
    FOREIGN KEY (consultation_id, tid) REFERENCES statements(consultation_id, tid) ON DELETE CASCADE,
    FOREIGN KEY (consultation_id, pid) REFERENCES opinion_participants(consultation_id, pid) ON DELETE CASCADE
);
CREATE INDEX votes_participant ON votes(consultation_id, pid);

-- +goose Down
DROP TABLE votes;
DROP TABLE statements;
DROP TABLE opinion_participants;
DROP TABLE opinion_settings;
