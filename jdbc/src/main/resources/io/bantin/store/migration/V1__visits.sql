-- The visit counter's tables. Portable SQL (SQLite and PostgreSQL); days are ISO dates (yyyy-MM-dd)
-- in the site's zone, so text order is date order. Counts are only ever added to, never set, so
-- several processes can write into one database.

-- One row per day: the figures of the statistics box come from here, 10 years = 3,650 rows.
CREATE TABLE bantin_visit_day (
    day        VARCHAR(10) NOT NULL PRIMARY KEY,
    visits     BIGINT      NOT NULL DEFAULT 0,
    page_views BIGINT      NOT NULL DEFAULT 0,
    bots       BIGINT      NOT NULL DEFAULT 0
);

-- One row per article per day with views: "most read this week" and per-article history.
CREATE TABLE bantin_article_view_day (
    article_id BIGINT      NOT NULL,
    day        VARCHAR(10) NOT NULL,
    views      BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
);
CREATE INDEX bantin_article_view_day_by_day ON bantin_article_view_day (day, article_id);

-- All-time views per article, kept alongside so "Lượt xem" is one row read, not a sum over years.
CREATE TABLE bantin_article_views (
    article_id BIGINT NOT NULL PRIMARY KEY,
    views      BIGINT NOT NULL DEFAULT 0
);

-- Named numbers: the legacy baseline of the total.
CREATE TABLE bantin_visit_meta (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    value BIGINT      NOT NULL
);

-- Saved at a graceful shutdown and deleted when read back at startup: the live visitor salts and
-- the active visitors (salted hashes only; never an IP or a User-Agent).
CREATE TABLE bantin_visitor_salt (
    day VARCHAR(10) NOT NULL PRIMARY KEY,
    k0  BIGINT      NOT NULL,
    k1  BIGINT      NOT NULL
);

CREATE TABLE bantin_active_visitor (
    visitor_key BIGINT        NOT NULL PRIMARY KEY,
    last_hit    BIGINT        NOT NULL,
    visit_start BIGINT        NOT NULL,
    articles    VARCHAR(8000) NOT NULL DEFAULT ''
);
