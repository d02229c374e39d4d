-- Machine tokens created by an ADMIN (mailflow.security.tokens are configured, not stored).
-- Only the SHA-256 digest of a token is kept: the token itself is shown once, when created.
CREATE TABLE api_token (
    name         VARCHAR(64)              NOT NULL PRIMARY KEY,
    digest       CHAR(64)                 NOT NULL UNIQUE,
    roles        VARCHAR(100)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200)             NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
