-- +goose Up
-- Written inputs (issue 10). A call for inputs is open on a review as a
-- whole (consultation_id NULL) or on one consultation, until its deadline;
-- an input to a consultation falls under the consultation's call, or the
-- review's when it has none.
CREATE TABLE input_calls (
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    consultation_id INTEGER REFERENCES consultations(id) ON DELETE CASCADE,
    opens_at        TIMESTAMP NOT NULL,
    deadline        TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX input_calls_owner ON input_calls(review_id, COALESCE(consultation_id, 0));

-- An input: who sent it, how it arrived, its consent and moderation
-- status, and which of its versions is current and which published.
CREATE TABLE inputs (
    id                INTEGER PRIMARY KEY,
    review_id         INTEGER NOT NULL REFERENCES reviews(id),
    consultation_id   INTEGER REFERENCES consultations(id),
    author_name       TEXT NOT NULL,
    author_email      TEXT NOT NULL DEFAULT '',
    organization      TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    country           TEXT NOT NULL,
    region            TEXT NOT NULL DEFAULT '',
    publication       TEXT NOT NULL,
    status            TEXT NOT NULL,
    source            TEXT NOT NULL,
    received_via      TEXT NOT NULL DEFAULT '',
    received_at       TIMESTAMP NOT NULL,
    registration_id   TEXT NOT NULL DEFAULT '',
    entered_by        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL,
    published_version INTEGER NOT NULL DEFAULT 0,
    published_at      TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
-- The public archive reads published inputs of a review, newest first.
CREATE INDEX inputs_archive ON inputs(review_id, status, published_at DESC, id DESC);
CREATE INDEX inputs_moderation ON inputs(review_id, status, created_at);

-- Every version of an input, kept for good: the author's edits never
-- overwrite one, and the published version is the one the public reads.
CREATE TABLE input_versions (
    input_id          INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    comments          TEXT NOT NULL DEFAULT '',
    language          TEXT NOT NULL,
    detected_language TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (input_id, version)
);

-- One text per guiding question and version.
CREATE TABLE input_answers (
    input_id    INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    question_id INTEGER NOT NULL REFERENCES questions(id),
    text        TEXT NOT NULL,
    PRIMARY KEY (input_id, version, question_id),
    FOREIGN KEY (input_id, version) REFERENCES input_versions(input_id, version) ON DELETE CASCADE
);
CREATE INDEX input_answers_question ON input_answers(question_id);

-- Who moderated what, and when: append only.
CREATE TABLE input_log (
    id       INTEGER PRIMARY KEY,
    input_id INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
    action   TEXT NOT NULL,
    version  INTEGER NOT NULL,
    reason   TEXT NOT NULL DEFAULT '',
    actor    TEXT NOT NULL,
    at       TIMESTAMP NOT NULL
);
CREATE INDEX input_log_input ON input_log(input_id, at);

-- Attachments (PDF, DOCX, ODT, TXT), their type sniffed from the content
-- and their extracted text for search and synthesis (internal/extract).
CREATE TABLE input_attachments (
    id             INTEGER PRIMARY KEY,
    input_id       INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
    version        INTEGER NOT NULL,
    name           TEXT NOT NULL,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    content        BLOB NOT NULL,
    extracted_text TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX input_attachments_input ON input_attachments(input_id, version);

-- Published inputs per review, kept in the moderating transaction, so the
-- archive's figure is one row read however many inputs there are.
CREATE TABLE input_counters (
    review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    published INTEGER NOT NULL DEFAULT 0
);

-- Full-text search: one row per input (rowid = inputs.id) holding the text
-- the public would read (the published version, or the latest before any
-- is published), prepared by the store: each Han, kana or Hangul character
-- is followed by a space. unicode61 keeps a run of letters as one token,
-- so without the spaces a whole Chinese sentence would be one word, never
-- found by a word of it; with them each character is a token and a word
-- is a phrase of its characters ("数 据"). Arabic, Cyrillic and Latin words
-- are tokens as written, diacritics folded. (The trigram tokenizer finds
-- substrings too, but intersects a posting list per three characters:
-- p99 174 ms at 100,000 inputs against 20 ms wanted, docs/BENCHMARKS.md.)
CREATE VIRTUAL TABLE input_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

-- +goose Down
DROP TABLE input_search;
DROP TABLE input_counters;
DROP TABLE input_attachments;
DROP TABLE input_log;
DROP TABLE input_answers;
DROP TABLE input_versions;
DROP TABLE inputs;
DROP TABLE input_calls;
