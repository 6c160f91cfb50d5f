-- +goose Up
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE user_tokens (
    hash       TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expiry);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    original_lang   TEXT NOT NULL,
    mandate         TEXT NOT NULL DEFAULT '[]',
    secretariat     TEXT NOT NULL DEFAULT '',
    partners        TEXT NOT NULL DEFAULT '[]',
    reporting_chain TEXT NOT NULL DEFAULT '[]',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE review_texts (
    review_id   INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, lang)
);

CREATE TABLE consultations (
    id                 INTEGER PRIMARY KEY,
    review_id          INTEGER NOT NULL REFERENCES reviews(id),
    slug               TEXT NOT NULL UNIQUE,
    original_lang      TEXT NOT NULL,
    region             TEXT NOT NULL DEFAULT '001',
    partners           TEXT NOT NULL DEFAULT '[]',
    format             TEXT NOT NULL,
    time_zone          TEXT NOT NULL,
    starts_at          TIMESTAMP NOT NULL,
    ends_at            TIMESTAMP NOT NULL,
    month_only         INTEGER NOT NULL DEFAULT 0,
    languages          TEXT NOT NULL DEFAULT '[]',
    moderators         TEXT NOT NULL DEFAULT '[]',
    chair              TEXT NOT NULL DEFAULT '{}',
    registration_opens TIMESTAMP,
    registration_ends  TIMESTAMP,
    capacity           INTEGER NOT NULL DEFAULT 0,
    approval_required  INTEGER NOT NULL DEFAULT 0,
    meeting_url        TEXT NOT NULL DEFAULT '',
    contact_email      TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX consultations_review ON consultations(review_id, starts_at);

CREATE TABLE consultation_texts (
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    lang            TEXT NOT NULL,
    title           TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    background      TEXT NOT NULL DEFAULT '',
    objectives      TEXT NOT NULL DEFAULT '',
    opening_remarks TEXT NOT NULL DEFAULT '',
    notice          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (consultation_id, lang)
);

CREATE TABLE questions (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    consultation_id INTEGER REFERENCES consultations(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    original_lang   TEXT NOT NULL
);
CREATE INDEX questions_owner ON questions(review_id, consultation_id, position);

CREATE TABLE question_texts (
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (question_id, lang)
);

CREATE TABLE registrations (
    id                  TEXT PRIMARY KEY,
    consultation_id     INTEGER NOT NULL REFERENCES consultations(id),
    given_name          TEXT NOT NULL,
    family_name         TEXT NOT NULL,
    email               TEXT NOT NULL,
    organization        TEXT NOT NULL,
    stakeholder_group   TEXT NOT NULL,
    country             TEXT NOT NULL,
    language            TEXT NOT NULL,
    job_title           TEXT NOT NULL DEFAULT '',
    gender              TEXT NOT NULL DEFAULT '',
    accessibility_needs TEXT NOT NULL DEFAULT '',
    consent_at          TIMESTAMP NOT NULL,
    status              TEXT NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    confirmed_at        TIMESTAMP,
    cancelled_at        TIMESTAMP,
    UNIQUE (consultation_id, email)
);
CREATE INDEX registrations_list ON registrations(consultation_id, status, created_at);

CREATE TABLE emails (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    to_addr     TEXT NOT NULL,
    subject     TEXT NOT NULL,
    text_body   TEXT NOT NULL,
    html_body   TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT '',
    attachments TEXT NOT NULL DEFAULT '[]',
    transport   TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX emails_to ON emails(to_addr);

-- +goose Down
DROP TABLE emails;
DROP TABLE registrations;
DROP TABLE question_texts;
DROP TABLE questions;
DROP TABLE consultation_texts;
DROP TABLE consultations;
DROP TABLE review_texts;
DROP TABLE reviews;
DROP TABLE sessions;
DROP TABLE user_tokens;
DROP TABLE users;
DROP TABLE settings;
