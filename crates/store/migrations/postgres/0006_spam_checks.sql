-- Proof-of-work solutions already used, kept until they expire so none is used twice.
CREATE TABLE pow_used (
    challenge  TEXT    PRIMARY KEY,
    expires_at BIGINT  NOT NULL
);
