-- Undersigned schema, version 1.
-- Pragmas (foreign_keys, journal_mode, application_id, ...) are set per
-- connection in store/mod.rs, never here.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    acronym     TEXT,
    country     TEXT CHECK (country IS NULL OR length(country) = 2),
    kind        TEXT NOT NULL DEFAULT 'ngo'
                CHECK (kind IN ('ngo', 'coalition', 'union', 'faith-group', 'academic', 'media', 'other')),
    website     TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    -- Set when this record was merged into another; both histories are kept.
    merged_into INTEGER REFERENCES organisations(id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE organisation_aliases (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    alias           TEXT NOT NULL,
    PRIMARY KEY (organisation_id, alias)
) STRICT;

CREATE TABLE organisation_tags (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    tag             TEXT NOT NULL,
    PRIMARY KEY (organisation_id, tag)
) STRICT;

-- Matching keys (normalize::name_key) of every name, acronym and alias,
-- so a lookup is one indexed equality.
CREATE TABLE organisation_keys (
    key             TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    source          TEXT NOT NULL CHECK (source IN ('name', 'acronym', 'alias')),
    PRIMARY KEY (key, organisation_id, source)
) STRICT, WITHOUT ROWID;
CREATE INDEX organisation_keys_by_organisation ON organisation_keys(organisation_id);

CREATE TABLE individuals (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key    TEXT NOT NULL,
    title       TEXT,
    affiliation TEXT,
    country     TEXT CHECK (country IS NULL OR length(country) = 2),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX individuals_by_key ON individuals(name_key);

-- People at organisations. Personal data: never logged.
CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT,
    email           TEXT,
    phone           TEXT,
    -- JSON array of language names.
    languages       TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX contacts_by_organisation ON contacts(organisation_id);

CREATE TABLE memberships (
    id                     INTEGER PRIMARY KEY,
    coalition_id           INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    member_organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    member_individual_id   INTEGER REFERENCES individuals(id) ON DELETE CASCADE,
    role                   TEXT,
    joined_on              TEXT,
    left_on                TEXT,
    CHECK ((member_organisation_id IS NULL) <> (member_individual_id IS NULL)),
    CHECK (member_organisation_id IS NULL OR member_organisation_id <> coalition_id),
    CHECK (joined_on IS NULL OR left_on IS NULL OR joined_on <= left_on)
) STRICT;
CREATE UNIQUE INDEX memberships_organisation
    ON memberships(coalition_id, member_organisation_id) WHERE member_organisation_id IS NOT NULL;
CREATE UNIQUE INDEX memberships_individual
    ON memberships(coalition_id, member_individual_id) WHERE member_individual_id IS NOT NULL;
CREATE INDEX memberships_by_coalition ON memberships(coalition_id);
CREATE INDEX memberships_by_member_organisation
    ON memberships(member_organisation_id) WHERE member_organisation_id IS NOT NULL;
CREATE INDEX memberships_by_member_individual
    ON memberships(member_individual_id) WHERE member_individual_id IS NOT NULL;

CREATE TABLE letters (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    recipient         TEXT,
    date              TEXT,
    place             TEXT,
    language          TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
    body              TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'open', 'closed', 'published')),
    deadline          TEXT,
    lead_coalition_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    signatory_heading TEXT NOT NULL,
    list_order        TEXT NOT NULL DEFAULT 'alphabetical'
                      CHECK (list_order IN ('alphabetical', 'by-country', 'by-tier', 'by-date')),
    country_label     TEXT NOT NULL DEFAULT 'customary'
                      CHECK (country_label IN ('customary', 'name', 'code')),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- A withdrawal is a status with a date: signatures are never deleted.
CREATE TABLE signatures (
    id              INTEGER PRIMARY KEY,
    letter_id       INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    individual_id   INTEGER REFERENCES individuals(id) ON DELETE RESTRICT,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'confirmed', 'withdrawn')),
    signed_at       TEXT,
    withdrawn_at    TEXT,
    channel         TEXT NOT NULL DEFAULT 'manual'
                    CHECK (channel IN ('form', 'email', 'paste', 'import', 'manual')),
    consent_to_name INTEGER NOT NULL DEFAULT 1 CHECK (consent_to_name IN (0, 1)),
    display_name    TEXT,
    display_country TEXT CHECK (display_country IS NULL OR length(display_country) = 2),
    tier            TEXT NOT NULL DEFAULT 'co-signer'
                    CHECK (tier IN ('lead', 'co-signer', 'supporter')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((organisation_id IS NULL) <> (individual_id IS NULL)),
    CHECK (status <> 'withdrawn' OR withdrawn_at IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX signatures_letter_organisation
    ON signatures(letter_id, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE UNIQUE INDEX signatures_letter_individual
    ON signatures(letter_id, individual_id) WHERE individual_id IS NOT NULL;
CREATE INDEX signatures_by_organisation ON signatures(organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX signatures_by_individual ON signatures(individual_id) WHERE individual_id IS NOT NULL;
-- Covers the tally query, so counting a letter reads no signature rows.
CREATE INDEX signatures_by_letter_status ON signatures(
    letter_id, status, organisation_id, individual_id, display_name, display_country, tier, consent_to_name
);

-- Withdrawn and confirmed signatures are history: they cannot be deleted
-- one by one (deleting a whole letter still removes its signatures).
CREATE TRIGGER signatures_are_never_deleted
BEFORE DELETE ON signatures
WHEN OLD.status <> 'pending' AND EXISTS (SELECT 1 FROM letters WHERE id = OLD.letter_id)
BEGIN
    SELECT RAISE(ABORT, 'signatures that were confirmed or withdrawn are kept, not deleted');
END;
