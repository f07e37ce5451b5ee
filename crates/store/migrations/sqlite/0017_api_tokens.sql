-- API tokens: a newsroom's other tools post through the admin API with a token that
-- acts as one newsroom user, narrowed to a few scopes. Only the token's SHA-256 is
-- kept; `hint` is its first characters, for telling tokens apart in the newsroom.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    hint         TEXT    NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scopes       TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    revoked_at   INTEGER,
    last_used_at INTEGER
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
