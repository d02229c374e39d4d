-- Names people signed in with through OIDC (configured users are in the configuration). A machine
-- token may not take one of them: it would read that person's runs and start runs as them.
CREATE TABLE known_user (
    name       VARCHAR(256)             NOT NULL PRIMARY KEY,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Everyone who owns runs already, but the tokens that were created (configured tokens are refused
-- as names anyway).
INSERT INTO known_user (name, first_seen)
SELECT owner, MIN(started_at) FROM runs
WHERE owner IS NOT NULL AND owner NOT IN (SELECT name FROM api_token)
GROUP BY owner;
