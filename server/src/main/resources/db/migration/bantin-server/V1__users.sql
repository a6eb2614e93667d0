-- Editor accounts of bantin-server (the core knows nothing about users). Portable SQL: runs on
-- SQLite and PostgreSQL alike.
CREATE TABLE bantin_users (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    updated_at    BIGINT       NOT NULL
);
