-- The articles' tables. Portable SQL (SQLite and PostgreSQL): instants are epoch milliseconds,
-- statuses their lower-case ids, ids come from a one-row sequence table (never reused, so a new
-- article never inherits a deleted one's view counts).

CREATE TABLE bantin_article_sequence (
    name    VARCHAR(32) NOT NULL PRIMARY KEY,
    last_id BIGINT      NOT NULL
);
INSERT INTO bantin_article_sequence (name, last_id) VALUES ('article', 0);

CREATE TABLE bantin_articles (
    id              BIGINT        NOT NULL PRIMARY KEY,
    slug            VARCHAR(80)   NOT NULL,
    title           VARCHAR(300)  NOT NULL,
    summary         VARCHAR(1000) NOT NULL,
    body            TEXT          NOT NULL,
    author_name     VARCHAR(200),
    author_position VARCHAR(300),
    source_text     VARCHAR(300),
    source_url      VARCHAR(2000),
    category        VARCHAR(100),
    category_slug   VARCHAR(80),
    status          VARCHAR(16)   NOT NULL,
    published_at    BIGINT,
    updated_at      BIGINT        NOT NULL,
    image_url       VARCHAR(2000),
    image_alt       VARCHAR(300),
    -- title, summary, body text, author, category and tags folded to [a-z0-9] words between single
    -- spaces (and a space at both ends): "tinh uy" finds "Tỉnh ủy" with LIKE '% tinh%' AND '% uy%'.
    search_text     TEXT          NOT NULL,
    CONSTRAINT bantin_articles_slug_unique UNIQUE (slug)
);
CREATE INDEX bantin_articles_public ON bantin_articles (status, published_at);
CREATE INDEX bantin_articles_category ON bantin_articles (category_slug, published_at);
CREATE INDEX bantin_articles_updated ON bantin_articles (updated_at);

CREATE TABLE bantin_article_tags (
    article_id BIGINT       NOT NULL REFERENCES bantin_articles (id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    tag        VARCHAR(100) NOT NULL,
    tag_slug   VARCHAR(80)  NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX bantin_article_tags_by_slug ON bantin_article_tags (tag_slug, article_id);
