package io.bantin.store;

import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.article.ArticleQuery;
import io.bantin.article.ArticleRepository;
import io.bantin.article.Author;
import io.bantin.article.HtmlPolicy;
import io.bantin.article.Image;
import io.bantin.article.Page;
import io.bantin.article.Source;
import io.bantin.article.Status;
import io.bantin.article.internal.ArticleStorage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * An {@link ArticleRepository} on bantin's {@link Database} (tables {@code bantin_articles} and
 * {@code bantin_article_tags}, migration {@code V2__articles.sql}). Portable SQL for SQLite and
 * PostgreSQL. Search ignores diacritics through a folded {@code search_text} column matched with
 * {@code LIKE} at word starts. Thread-safe: each call runs in its own transaction.
 */
public final class SqlArticleRepository implements ArticleRepository {

    private static final String COLUMNS = "a.id, a.slug, a.title, a.summary, a.body, a.author_name, a.author_position, "
            + "a.source_text, a.source_url, a.category, a.status, a.published_at, a.updated_at, a.image_url, a.image_alt";
    /** {@link #COLUMNS} with an empty body: listings show teasers, and a body may be a million characters. */
    private static final String TEASER_COLUMNS = COLUMNS.replace("a.body", "'' AS body");
    private static final String VISIBLE =
            "(a.status = 'published' OR (a.status = 'scheduled' AND a.published_at <= :now))";
    private static final String INSERT = "INSERT INTO bantin_articles (id, slug, title, summary, body, author_name, "
            + "author_position, source_text, source_url, category, category_slug, status, published_at, updated_at, "
            + "image_url, image_alt, search_text) VALUES (:id, :slug, :title, :summary, :body, :authorName, "
            + ":authorPosition, :sourceText, :sourceUrl, :category, :categorySlug, :status, :publishedAt, :updatedAt, "
            + ":imageUrl, :imageAlt, :searchText)";
    private static final String UPDATE = "UPDATE bantin_articles SET slug = :slug, title = :title, summary = :summary, "
            + "body = :body, author_name = :authorName, author_position = :authorPosition, source_text = :sourceText, "
            + "source_url = :sourceUrl, category = :category, category_slug = :categorySlug, status = :status, "
            + "published_at = :publishedAt, updated_at = :updatedAt, image_url = :imageUrl, image_alt = :imageAlt, "
            + "search_text = :searchText WHERE id = :id";

    private static final String LOCK_SAVES =
            "UPDATE bantin_article_sequence SET last_id = last_id WHERE name = 'article'";

    private final Jdbi jdbi;
    private final Clock clock;
    private final HtmlPolicy html;

    /**
     * Creates the repository on a migrated database.
     *
     * @param db the database (its V2 migration holds the tables)
     * @param clock sets {@code updatedAt} and decides when scheduled articles are due
     * @param html cleans bodies on save and reads their text for search (bantin-render's
     *     {@code ArticleHtml.policy()})
     * @throws NullPointerException if an argument is null
     */
    public SqlArticleRepository(Database db, Clock clock, HtmlPolicy html) {
        this.jdbi = Objects.requireNonNull(db, "db").jdbi();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.html = Objects.requireNonNull(html, "html");
    }

    @Override
    public Article save(Article article) {
        Objects.requireNonNull(article, "article");
        Article prepared = ArticleStorage.prepare(article, clock.instant(), html);
        // Parsing the body for its text happens before the transaction, which holds SQLite's one writer.
        String searchText = ArticleStorage.searchText(prepared, html);
        return jdbi.inTransaction(h -> {
            // Saves take turns: touching the sequence row locks it (PostgreSQL) or takes the one writer
            // (SQLite) before the slug check, so two saves of one title cannot both pick the same slug.
            h.createUpdate(LOCK_SAVES).execute();
            boolean exists = prepared.id() > 0 && h.createQuery("SELECT COUNT(*) FROM bantin_articles WHERE id = :id")
                    .bind("id", prepared.id()).mapTo(Long.class).one() > 0;
            if (prepared.id() > 0 && !exists) {
                throw new IllegalArgumentException("id: no article with id " + prepared.id());
            }
            String slug = ArticleStorage.chooseSlug(prepared, s -> h
                    .createQuery("SELECT id FROM bantin_articles WHERE slug = :slug")
                    .bind("slug", s).mapTo(Long.class).findOne().orElse(null));
            long id = exists ? prepared.id() : nextId(h);
            Article stored = prepared.toBuilder().id(id).slug(slug).build();
            h.createUpdate(exists ? UPDATE : INSERT)
                    .bind("id", id)
                    .bind("slug", slug)
                    .bind("title", stored.title())
                    .bind("summary", stored.summary())
                    .bind("body", stored.body())
                    .bind("authorName", stored.author() == null ? null : stored.author().name())
                    .bind("authorPosition", stored.author() == null ? null : stored.author().position())
                    .bind("sourceText", stored.source() == null ? null : stored.source().text())
                    .bind("sourceUrl", stored.source() == null ? null : stored.source().url())
                    .bind("category", stored.category())
                    .bind("categorySlug", ArticleStorage.slugOf(stored.category()))
                    .bind("status", stored.status().id())
                    .bind("publishedAt", millis(stored.publishedAt()))
                    .bind("updatedAt", millis(stored.updatedAt()))
                    .bind("imageUrl", stored.image() == null ? null : stored.image().url())
                    .bind("imageAlt", stored.image() == null ? null : stored.image().alt())
                    .bind("searchText", searchText)
                    .execute();
            h.createUpdate("DELETE FROM bantin_article_tags WHERE article_id = :id").bind("id", id).execute();
            if (!stored.tags().isEmpty()) {
                var batch = h.prepareBatch("INSERT INTO bantin_article_tags (article_id, position, tag, tag_slug) "
                        + "VALUES (:id, :position, :tag, :tagSlug)");
                for (int i = 0; i < stored.tags().size(); i++) {
                    String tag = stored.tags().get(i);
                    batch.bind("id", id).bind("position", i).bind("tag", tag)
                            .bind("tagSlug", ArticleStorage.slugOf(tag)).add();
                }
                batch.execute();
            }
            return stored;
        });
    }

    /** Ids come from a counter row, locked by the update, so they are never reused. */
    private static long nextId(Handle h) {
        h.createUpdate("UPDATE bantin_article_sequence SET last_id = last_id + 1 WHERE name = 'article'").execute();
        return h.createQuery("SELECT last_id FROM bantin_article_sequence WHERE name = 'article'")
                .mapTo(Long.class).one();
    }

    @Override
    public Optional<Article> findById(long id) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery("SELECT " + COLUMNS + " FROM bantin_articles a WHERE a.id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).list())).stream().findFirst();
    }

    @Override
    public Optional<Article> findBySlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> withTags(h, h.createQuery("SELECT " + COLUMNS + " FROM bantin_articles a WHERE a.slug = :slug")
                .bind("slug", slug).map((rs, ctx) -> read(rs)).list())).stream().findFirst();
    }

    @Override
    public Page<Article> published(ArticleQuery query) {
        return published(query, COLUMNS);
    }

    @Override
    public Page<Article> publishedTeasers(ArticleQuery query) {
        return published(query, TEASER_COLUMNS);
    }

    private Page<Article> published(ArticleQuery query, String columns) {
        Objects.requireNonNull(query, "query");
        long now = clock.instant().toEpochMilli();
        StringBuilder where = new StringBuilder(" WHERE ").append(VISIBLE);
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("now", now);
        if (query.categorySlug() != null) {
            where.append(" AND a.category_slug = :category");
            binds.put("category", query.categorySlug());
        }
        if (query.tagSlug() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM bantin_article_tags t WHERE t.article_id = a.id AND t.tag_slug = :tag)");
            binds.put("tag", query.tagSlug());
        }
        List<String> terms = ArticleStorage.searchTerms(query.text());
        for (int i = 0; i < terms.size(); i++) {
            // Terms are folded to [a-z0-9]: no LIKE wildcard can come from the user.
            where.append(" AND a.search_text LIKE :term").append(i);
            binds.put("term" + i, "% " + terms.get(i) + "%");
        }
        return jdbi.withHandle(h -> {
            Query count = h.createQuery("SELECT COUNT(*) FROM bantin_articles a" + where);
            binds.forEach(count::bind);
            long total = count.mapTo(Long.class).one();
            Query select = h.createQuery("SELECT " + columns + " FROM bantin_articles a" + where
                    + " ORDER BY a.published_at DESC, a.id DESC LIMIT :limit OFFSET :offset");
            binds.forEach(select::bind);
            List<Article> items = select.bind("limit", query.size()).bind("offset", query.offset())
                    .map((rs, ctx) -> read(rs)).list();
            return new Page<>(withTags(h, items), query.page(), query.size(), total);
        });
    }

    @Override
    public Page<Article> all(int page, int size) {
        return all(page, size, COLUMNS);
    }

    @Override
    public Page<Article> allTeasers(int page, int size) {
        return all(page, size, TEASER_COLUMNS);
    }

    private Page<Article> all(int page, int size, String columns) {
        ArticleQuery checked = ArticleQuery.of(page, size);
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM bantin_articles").mapTo(Long.class).one();
            List<Article> items = h.createQuery("SELECT " + columns + " FROM bantin_articles a "
                            + "ORDER BY a.updated_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", checked.size()).bind("offset", checked.offset())
                    .map((rs, ctx) -> read(rs)).list();
            return new Page<>(withTags(h, items), checked.page(), checked.size(), total);
        });
    }

    @Override
    public List<String> categories() {
        List<String> names = jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT a.category FROM bantin_articles a WHERE a.category IS NOT NULL AND " + VISIBLE)
                .bind("now", clock.instant().toEpochMilli()).mapTo(String.class).list());
        TreeSet<String> sorted = new TreeSet<>(ArticleStorage.CATEGORY_ORDER);
        sorted.addAll(names);
        return List.copyOf(sorted);
    }

    @Override
    public boolean delete(long id) {
        return jdbi.inTransaction(h -> {
            // Tags first: an embedder's DataSource may not enforce ON DELETE CASCADE (SQLite without foreign_keys).
            h.createUpdate("DELETE FROM bantin_article_tags WHERE article_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM bantin_articles WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public List<ArticleKey> keys(Instant updatedAfter) {
        // Reads neither text nor tags: this is how a server loads its index of 50,000 articles at start.
        String sql = "SELECT id, slug, status, published_at, updated_at FROM bantin_articles"
                + (updatedAfter == null ? "" : " WHERE updated_at > :after") + " ORDER BY updated_at, id";
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql);
            if (updatedAfter != null) {
                q.bind("after", updatedAfter.toEpochMilli());
            }
            return q.map((rs, ctx) -> key(rs)).list();
        });
    }

    @Override
    public List<ArticleKey> publishedKeys() {
        // Reads neither text nor tags, and no COUNT(*): a sitemap of 50,000 articles prints only these.
        return jdbi.withHandle(h -> h.createQuery("SELECT a.id, a.slug, a.status, a.published_at, a.updated_at "
                        + "FROM bantin_articles a WHERE " + VISIBLE + " ORDER BY a.published_at DESC, a.id DESC")
                .bind("now", clock.instant().toEpochMilli())
                .map((rs, ctx) -> key(rs)).list());
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_articles").mapTo(Long.class).one());
    }

    private static List<Article> withTags(Handle h, List<Article> articles) {
        if (articles.isEmpty()) {
            return articles;
        }
        Map<Long, List<String>> tags = new HashMap<>();
        h.createQuery("SELECT article_id, tag FROM bantin_article_tags WHERE article_id IN (<ids>) ORDER BY article_id, position")
                .bindList("ids", articles.stream().map(Article::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<Article> out = new ArrayList<>(articles.size());
        for (Article a : articles) {
            List<String> t = tags.get(a.id());
            out.add(t == null ? a : a.toBuilder().tags(t).build());
        }
        return out;
    }

    private static Article read(ResultSet rs) throws SQLException {
        String authorName = rs.getString("author_name");
        String sourceText = rs.getString("source_text");
        String imageUrl = rs.getString("image_url");
        return Article.builder()
                .id(rs.getLong("id"))
                .slug(rs.getString("slug"))
                .title(rs.getString("title"))
                .summary(rs.getString("summary"))
                .body(rs.getString("body"))
                .author(authorName == null ? null : new Author(authorName, rs.getString("author_position")))
                .source(sourceText == null ? null : new Source(sourceText, rs.getString("source_url")))
                .category(rs.getString("category"))
                .status(Status.parse(rs.getString("status")))
                .publishedAt(instant(rs, "published_at"))
                .updatedAt(instant(rs, "updated_at"))
                .image(imageUrl == null ? null : new Image(imageUrl, rs.getString("image_alt")))
                .build();
    }

    private static ArticleKey key(ResultSet rs) throws SQLException {
        return new ArticleKey(rs.getLong("id"), rs.getString("slug"), Status.parse(rs.getString("status")),
                instant(rs, "published_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
