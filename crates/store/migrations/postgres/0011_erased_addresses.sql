-- Addresses whose owners deleted their reader account, kept only as a hash so that an
-- import from an old newsletter service never brings them back.
CREATE TABLE erased_addresses (
    email_hash TEXT    PRIMARY KEY,
    erased_at  BIGINT  NOT NULL
);
