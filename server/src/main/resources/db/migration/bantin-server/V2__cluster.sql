-- What every bantin server on one database must agree on, so that a load balancer may send any
-- request to any of them. Portable SQL: runs on SQLite and PostgreSQL alike; instants are epoch
-- milliseconds.

-- Editors' sessions. The cookie's token is never stored, only its SHA-256 (hex): a copy of this
-- table logs nobody in. A session ends at expires_at: its last use plus the idle time, never past
-- its creation plus the lifetime.
CREATE TABLE bantin_sessions (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    username   VARCHAR(100) NOT NULL,
    created_at BIGINT       NOT NULL,
    last_used  BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX bantin_sessions_expiry ON bantin_sessions (expires_at);

-- The login throttle's counts, one row per key (a SHA-256 of "address" or "user name + address",
-- so no address is stored). A row is deleted once nothing in it counts any more.
CREATE TABLE bantin_login_counts (
    count_key       VARCHAR(64) NOT NULL PRIMARY KEY,
    failures        INTEGER     NOT NULL,
    last_failure    BIGINT      NOT NULL,
    wait_until      BIGINT      NOT NULL,
    in_flight       INTEGER     NOT NULL,
    in_flight_since BIGINT      NOT NULL,
    expires_at      BIGINT      NOT NULL
);
CREATE INDEX bantin_login_counts_expiry ON bantin_login_counts (expires_at);

-- Named numbers the servers share: 'article_changes' grows with every write to bantin_articles
-- (a trigger, in the same transaction); 'baseline_from_environment' remembers the last
-- BANTIN_BASELINE_TOTAL applied.
CREATE TABLE bantin_server_state (
    name    VARCHAR(64) NOT NULL PRIMARY KEY,
    counter BIGINT      NOT NULL
);
INSERT INTO bantin_server_state (name, counter) VALUES ('article_changes', 0);
