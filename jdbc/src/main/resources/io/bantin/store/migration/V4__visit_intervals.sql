-- Exact counting across several counters on one database (issue 11). Portable SQL (SQLite and
-- PostgreSQL), as V1..V3.
--
-- Each counter writes the visits it saw as intervals of one visitor's hits; the store merges the
-- intervals of one (day, visitor) from every counter (two merge when they overlap or lie less than
-- the visit timeout apart) and derives visits, article views and dimension visits from the merged
-- ones, so that the figures are those of the union of all counters' hits. Keeps today's and
-- yesterday's (a counter cut off across midnight may still merge into yesterday); salted hashes only,
-- never an IP or a User-Agent. They are also the saved window a restart continues from.
CREATE TABLE bantin_visit_interval (
    day              VARCHAR(10)   NOT NULL,
    visitor_key      BIGINT        NOT NULL,
    visit_start      BIGINT        NOT NULL,
    visit_end        BIGINT        NOT NULL,
    -- the articles viewed in the visit, comma-separated ids, at most 256
    articles         VARCHAR(8000) NOT NULL DEFAULT '',
    -- the visit's value of each dimension, by the dimension's ordinal, separated by U+001F
    dimension_values VARCHAR(1000) NOT NULL DEFAULT '',
    -- the visitor's key under the next day's salt once a hit after midnight carried them over, else 0
    carried_to       BIGINT        NOT NULL DEFAULT 0,
    change_no        BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (day, visitor_key, visit_start)
);
-- Who is online through other counters' hits, and the window a restart continues from.
CREATE INDEX bantin_visit_interval_by_end ON bantin_visit_interval (visit_end);

-- The saved window is the intervals now.
DROP TABLE bantin_active_visitor;

-- The change number: every flush bumps it (named row 'change' in bantin_visit_meta) and stamps the
-- rows it changed, so that each counter reads back only what changed since its last read.
ALTER TABLE bantin_visit_day ADD COLUMN change_no BIGINT NOT NULL DEFAULT 0;
CREATE INDEX bantin_visit_day_by_change ON bantin_visit_day (change_no);
ALTER TABLE bantin_article_views ADD COLUMN change_no BIGINT NOT NULL DEFAULT 0;
CREATE INDEX bantin_article_views_by_change ON bantin_article_views (change_no);

INSERT INTO bantin_visit_meta (name, value) VALUES ('change', 0);
-- A running total, kept with every flush: never a sum over the years per read.
INSERT INTO bantin_visit_meta (name, value) SELECT 'total_visits', COALESCE(SUM(visits), 0) FROM bantin_visit_day;
