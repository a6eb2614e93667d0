package io.bantin.store;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.spi.ActiveVisitor;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitStore;
import io.bantin.visit.spi.VisitStoreException;
import io.bantin.visit.spi.VisitorSalt;
import io.bantin.visit.spi.WindowSnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A {@link VisitStore} on bantin's {@link Database} (tables of {@code V1__visits.sql}). History is
 * pre-aggregated per day and per article per day; every write adds with
 * {@code INSERT ... ON CONFLICT ... DO UPDATE SET n = n + excluded.n}, which SQLite and PostgreSQL
 * both understand, so several processes can share one database. The active-visitor window is
 * written in the same transaction as the counts it belongs to; a day's visitor salt is the first
 * one stored, so processes sharing the database agree on it. Thread-safe.
 */
public final class SqlVisitStore implements VisitStore {

    private static final String ADD_DAY = "INSERT INTO bantin_visit_day (day, visits, page_views, bots) "
            + "VALUES (:day, :visits, :pageViews, :bots) ON CONFLICT (day) DO UPDATE SET "
            + "visits = bantin_visit_day.visits + excluded.visits, "
            + "page_views = bantin_visit_day.page_views + excluded.page_views, "
            + "bots = bantin_visit_day.bots + excluded.bots";
    private static final String ADD_ARTICLE_DAY = "INSERT INTO bantin_article_view_day (article_id, day, views) "
            + "VALUES (:articleId, :day, :views) ON CONFLICT (article_id, day) DO UPDATE SET "
            + "views = bantin_article_view_day.views + excluded.views";
    private static final String ADD_ARTICLE_TOTAL = "INSERT INTO bantin_article_views (article_id, views) "
            + "VALUES (:articleId, :views) ON CONFLICT (article_id) DO UPDATE SET "
            + "views = bantin_article_views.views + excluded.views";
    private static final String SET_META = "INSERT INTO bantin_visit_meta (name, value) VALUES (:name, :value) "
            + "ON CONFLICT (name) DO UPDATE SET value = excluded.value";
    private static final String GET_META = "SELECT value FROM bantin_visit_meta WHERE name = :name";
    private static final String TOTAL_VISITS = "SELECT COALESCE(SUM(visits), 0) FROM bantin_visit_day";
    private static final String DAYS = "SELECT day, visits, page_views, bots FROM bantin_visit_day "
            + "WHERE day >= :from AND day <= :to ORDER BY day";
    private static final String ARTICLE_TOTALS = "SELECT article_id, views FROM bantin_article_views "
            + "WHERE article_id IN (<ids>)";
    private static final String ALL_ARTICLE_TOTALS = "SELECT article_id, views FROM bantin_article_views";
    private static final String ARTICLE_RANGE = "SELECT article_id, SUM(views) AS views FROM bantin_article_view_day "
            + "WHERE day >= :from AND day <= :to AND article_id IN (<ids>) GROUP BY article_id";
    private static final String TOP_ARTICLES = "SELECT article_id, SUM(views) AS views FROM bantin_article_view_day "
            + "WHERE day >= :from AND day <= :to GROUP BY article_id ORDER BY views DESC, article_id ASC LIMIT :limit";
    private static final String ADD_DIMENSION_DAY = "INSERT INTO bantin_visit_dimension_day "
            + "(dimension, day, value, visits) VALUES (:dimension, :day, :value, :visits) "
            + "ON CONFLICT (dimension, day, value) DO UPDATE SET "
            + "visits = bantin_visit_dimension_day.visits + excluded.visits";
    private static final String TOP_VALUES = "SELECT value, SUM(visits) AS visits FROM bantin_visit_dimension_day "
            + "WHERE dimension = :dimension AND day >= :from AND day <= :to GROUP BY value "
            + "ORDER BY visits DESC, value ASC LIMIT :limit";
    private static final String VALUES_RANGE = "SELECT value, SUM(visits) AS visits FROM bantin_visit_dimension_day "
            + "WHERE dimension = :dimension AND day >= :from AND day <= :to AND value IN (<values>) GROUP BY value";
    /** A day's salt is the first one stored: counters sharing the database agree on it. */
    private static final String ADD_SALT = "INSERT INTO bantin_visitor_salt (day, k0, k1) VALUES (:day, :k0, :k1) "
            + "ON CONFLICT (day) DO NOTHING";
    private static final String GET_SALT = "SELECT day, k0, k1 FROM bantin_visitor_salt WHERE day = :day";
    private static final String UPSERT_VISITOR = "INSERT INTO bantin_active_visitor "
            + "(visitor_key, last_hit, visit_start, articles) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (visitor_key) DO UPDATE SET last_hit = excluded.last_hit, "
            + "visit_start = excluded.visit_start, articles = excluded.articles";
    private static final String FORGET_VISITORS = "DELETE FROM bantin_active_visitor WHERE last_hit < :before";
    private static final String BASELINE = "baseline";
    /**
     * Prefix of the meta rows holding each writer's latest applied flush number (one small row per
     * counter instance ever started; name = prefix + writer id in hex).
     */
    private static final String SEQUENCE = "flush_seq:";
    /**
     * Every writer's sequence row but one. A prefix test by SUBSTR and equality, not a range of names
     * or LIKE: both depend on the column's collation, which is the embedder's on PostgreSQL.
     */
    private static final String OTHERS_SEQUENCES = "SELECT COALESCE(SUM(value), 0) FROM bantin_visit_meta "
            + "WHERE SUBSTR(name, 1, " + SEQUENCE.length() + ") = :prefix AND name <> :mine";
    /** Keeps IN lists well below every driver's bind-parameter limit. */
    private static final int IN_CHUNK = 500;
    /** Rows per JDBC batch when writing the window's visitors. */
    private static final int VISITOR_BATCH = 256;

    private final Database db;

    /**
     * A store on the given database, which must have been opened by {@link Database} (migrated).
     *
     * @throws NullPointerException if db is null
     */
    public SqlVisitStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void apply(VisitDelta delta) {
        if (delta.isEmpty()) {
            return;
        }
        run("apply a flush", () -> db.jdbi().inTransaction(h -> {
            if (delta.sequence() > 0) {
                String name = SEQUENCE + Long.toHexString(delta.writer());
                long applied = h.createQuery(GET_META).bind("name", name).mapTo(Long.class).findOne().orElse(0L);
                if (applied >= delta.sequence()) {
                    return null; // already committed: a retry of a flush whose success went unreported
                }
                h.createUpdate(SET_META).bind("name", name).bind("value", delta.sequence()).execute();
            }
            if (!delta.days().isEmpty()) {
                PreparedBatch batch = h.prepareBatch(ADD_DAY);
                for (DailyCount d : delta.days()) {
                    batch.bind("day", d.date().toString()).bind("visits", d.visits())
                            .bind("pageViews", d.pageViews()).bind("bots", d.bots()).add();
                }
                batch.execute();
            }
            if (!delta.dimensionDays().isEmpty()) {
                PreparedBatch batch = h.prepareBatch(ADD_DIMENSION_DAY);
                for (DimensionDayCount d : delta.dimensionDays()) {
                    batch.bind("dimension", d.dimension().key()).bind("day", d.date().toString())
                            .bind("value", d.value()).bind("visits", d.visits()).add();
                }
                batch.execute();
            }
            if (!delta.articleDays().isEmpty()) {
                PreparedBatch perDay = h.prepareBatch(ADD_ARTICLE_DAY);
                Map<Long, Long> totals = new TreeMap<>();
                for (ArticleDayViews a : delta.articleDays()) {
                    perDay.bind("articleId", a.articleId()).bind("day", a.date().toString())
                            .bind("views", a.views()).add();
                    totals.merge(a.articleId(), a.views(), Long::sum);
                }
                perDay.execute();
                PreparedBatch total = h.prepareBatch(ADD_ARTICLE_TOTAL);
                totals.forEach((id, views) -> total.bind("articleId", id).bind("views", views).add());
                total.execute();
            }
            delta.baseline().ifPresent(b -> h.createUpdate(SET_META).bind("name", BASELINE).bind("value", b).execute());
            if (!delta.salts().isEmpty()) {
                LocalDate earliest = delta.salts().stream().map(VisitorSalt::day).min(LocalDate::compareTo).orElseThrow();
                h.createUpdate("DELETE FROM bantin_visitor_salt WHERE day < :earliest")
                        .bind("earliest", earliest.toString()).execute();
                PreparedBatch salts = h.prepareBatch(ADD_SALT);
                for (VisitorSalt salt : delta.salts()) {
                    long[] words = salt.toWords();
                    salts.bind("day", salt.day().toString()).bind("k0", words[0]).bind("k1", words[1]).add();
                }
                salts.execute();
            }
            if (!delta.visitors().isEmpty()) {
                upsertVisitors(h, delta.visitors());
            }
            if (delta.forgetVisitorsBefore().isAfter(Instant.EPOCH)) {
                h.createUpdate(FORGET_VISITORS).bind("before", delta.forgetVisitorsBefore().toEpochMilli()).execute();
            }
            return null;
        }));
    }

    /**
     * Writes the window's visitors in JDBC batches of {@link #VISITOR_BATCH}. A flush can carry every
     * active visitor (tens of thousands); Jdbi's batch would hold a map of bound arguments per row
     * until the end, megabytes that outlive a few young collections and then fill the old
     * generation with garbage (full collections of ~0.1 s on a small heap, seen as p99 latency).
     */
    private static void upsertVisitors(Handle h, List<ActiveVisitor> visitors) {
        try (PreparedStatement st = h.getConnection().prepareStatement(UPSERT_VISITOR)) {
            int pending = 0;
            StringBuilder articles = new StringBuilder();
            for (ActiveVisitor v : visitors) {
                articles.setLength(0);
                for (Long id : v.viewedArticles()) {
                    if (articles.length() > 0) {
                        articles.append(',');
                    }
                    articles.append(id.longValue());
                }
                st.setLong(1, v.key());
                st.setLong(2, v.lastHit().toEpochMilli());
                st.setLong(3, v.visitStart().toEpochMilli());
                st.setString(4, articles.toString());
                st.addBatch();
                if (++pending == VISITOR_BATCH) {
                    st.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                st.executeBatch();
            }
        } catch (SQLException e) {
            // Thrown inside the transaction, so the whole flush rolls back and is retried.
            throw new VisitStoreException("the visit store could not write the active visitors: " + e.getMessage(), e);
        }
    }

    @Override
    public long appliedSequence(long writer) {
        return run("read the flush sequence", () -> db.jdbi().withHandle(h -> h.createQuery(GET_META)
                .bind("name", SEQUENCE + Long.toHexString(writer)).mapTo(Long.class).findOne().orElse(0L)));
    }

    @Override
    public VisitorSalt agreeSalt(VisitorSalt proposed) {
        return run("agree on a visitor salt", () -> db.jdbi().inTransaction(h -> {
            long[] words = proposed.toWords();
            h.createUpdate(ADD_SALT).bind("day", proposed.day().toString()).bind("k0", words[0])
                    .bind("k1", words[1]).execute();
            // On PostgreSQL a concurrent insert of the same day waits for the other to commit, and
            // this statement then sees that row.
            return h.createQuery(GET_SALT).bind("day", proposed.day().toString())
                    .map((rs, ctx) -> VisitorSalt.fromWords(LocalDate.parse(rs.getString("day")), rs.getLong("k0"), rs.getLong("k1")))
                    .one();
        }));
    }

    @Override
    public long appliedByOthers(long writer) {
        return run("read the other writers' flush sequences", () -> db.jdbi().withHandle(h -> h.createQuery(OTHERS_SEQUENCES)
                .bind("prefix", SEQUENCE)
                .bind("mine", SEQUENCE + Long.toHexString(writer)).mapTo(Long.class).one()));
    }

    @Override
    public long baseline() {
        return run("read the baseline", () -> db.jdbi().withHandle(h -> h.createQuery(GET_META)
                .bind("name", BASELINE).mapTo(Long.class).findOne().orElse(0L)));
    }

    @Override
    public long totalVisits() {
        return run("read the total", () -> db.jdbi().withHandle(h -> h.createQuery(TOTAL_VISITS).mapTo(Long.class).one()));
    }

    @Override
    public List<DailyCount> daily(LocalDate from, LocalDate to) {
        return run("read daily counts", () -> db.jdbi().withHandle(h -> h.createQuery(DAYS)
                .bind("from", from.toString()).bind("to", to.toString())
                .map((rs, ctx) -> new DailyCount(LocalDate.parse(rs.getString("day")), rs.getLong("visits"),
                        rs.getLong("page_views"), rs.getLong("bots")))
                .list()));
    }

    @Override
    public Map<Long, Long> articleViews(Collection<Long> articleIds) {
        return run("read article views", () -> db.jdbi().withHandle(h -> inChunks(h, articleIds, ARTICLE_TOTALS, null, null)));
    }

    @Override
    public Map<Long, Long> allArticleViews() {
        return run("read all article views", () -> db.jdbi().withHandle(h -> {
            Map<Long, Long> result = new HashMap<>();
            h.createQuery(ALL_ARTICLE_TOTALS)
                    .map((rs, ctx) -> Map.entry(rs.getLong("article_id"), rs.getLong("views")))
                    .forEach(e -> result.put(e.getKey(), e.getValue()));
            return result;
        }));
    }

    @Override
    public Map<Long, Long> articleViews(Collection<Long> articleIds, LocalDate from, LocalDate to) {
        return run("read article views", () -> db.jdbi().withHandle(h -> inChunks(h, articleIds, ARTICLE_RANGE, from, to)));
    }

    private static Map<Long, Long> inChunks(Handle h, Collection<Long> ids, String sql, LocalDate from, LocalDate to) {
        Map<Long, Long> result = new HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            var query = h.createQuery(sql).bindList("ids", all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
            if (from != null) {
                query.bind("from", from.toString()).bind("to", to.toString());
            }
            query.map((rs, ctx) -> Map.entry(rs.getLong("article_id"), rs.getLong("views")))
                    .forEach(e -> result.put(e.getKey(), e.getValue()));
        }
        return result;
    }

    @Override
    public List<ArticleViews> topArticles(LocalDate from, LocalDate to, int limit) {
        return run("read top articles", () -> db.jdbi().withHandle(h -> h.createQuery(TOP_ARTICLES)
                .bind("from", from.toString()).bind("to", to.toString()).bind("limit", limit)
                .map((rs, ctx) -> new ArticleViews(rs.getLong("article_id"), rs.getLong("views")))
                .list()));
    }

    @Override
    public List<DimensionCount> topValues(Dimension dimension, LocalDate from, LocalDate to, int limit) {
        return run("read top " + dimension.key() + " values", () -> db.jdbi().withHandle(h -> h.createQuery(TOP_VALUES)
                .bind("dimension", dimension.key()).bind("from", from.toString()).bind("to", to.toString())
                .bind("limit", limit)
                .map((rs, ctx) -> new DimensionCount(rs.getString("value"), rs.getLong("visits")))
                .list()));
    }

    @Override
    public Map<String, Long> dimensionVisits(Dimension dimension, Collection<String> values, LocalDate from,
                                             LocalDate to) {
        return run("read " + dimension.key() + " values", () -> db.jdbi().withHandle(h -> {
            Map<String, Long> result = new HashMap<>();
            List<String> all = new ArrayList<>(values);
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                h.createQuery(VALUES_RANGE).bindList("values", all.subList(i, Math.min(all.size(), i + IN_CHUNK)))
                        .bind("dimension", dimension.key()).bind("from", from.toString()).bind("to", to.toString())
                        .map((rs, ctx) -> Map.entry(rs.getString("value"), rs.getLong("visits")))
                        .forEach(e -> result.put(e.getKey(), e.getValue()));
            }
            return result;
        }));
    }

    @Override
    public Optional<WindowSnapshot> loadWindow() {
        return loadWindow(Integer.MAX_VALUE);
    }

    /**
     * {@inheritDoc} Only those rows are read: after a flood of visitors the table holds every one
     * seen in the last half hour (millions), which would not fit a small heap.
     */
    @Override
    public Optional<WindowSnapshot> loadWindow(int maxVisitors) {
        if (maxVisitors < 0) {
            throw new IllegalArgumentException("maxVisitors must not be negative, got " + maxVisitors);
        }
        return run("read the active visitors", () -> db.jdbi().withHandle(h -> {
            List<VisitorSalt> salts = h.createQuery("SELECT day, k0, k1 FROM bantin_visitor_salt ORDER BY day DESC")
                    .map((rs, ctx) -> VisitorSalt.fromWords(LocalDate.parse(rs.getString("day")), rs.getLong("k0"), rs.getLong("k1")))
                    .list();
            if (salts.isEmpty()) {
                return Optional.<WindowSnapshot>empty();
            }
            // Plain JDBC: a busy site's window is tens of thousands of rows, read while the server
            // starts (in a cold JVM, Jdbi's per-row mapping costs more than the query).
            List<ActiveVisitor> visitors = new ArrayList<>();
            long takenAt = Long.MIN_VALUE;
            try (PreparedStatement st = h.getConnection().prepareStatement("SELECT visitor_key, last_hit, visit_start, "
                    + "articles FROM bantin_active_visitor ORDER BY last_hit DESC, visitor_key LIMIT ?")) {
                st.setLong(1, maxVisitors);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long lastHit = rs.getLong(2);
                        takenAt = Math.max(takenAt, lastHit);
                        visitors.add(new ActiveVisitor(rs.getLong(1), Instant.ofEpochMilli(lastHit),
                                Instant.ofEpochMilli(rs.getLong(3)), parseIds(rs.getString(4))));
                    }
                }
            } catch (SQLException e) {
                throw new VisitStoreException("the visit store could not read the active visitors: " + e.getMessage(), e);
            }
            return Optional.of(new WindowSnapshot(visitors.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(takenAt),
                    salts, visitors));
        }));
    }

    private static List<Long> parseIds(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ',') {
                ids.add(Long.parseLong(text, start, i, 10));
                start = i + 1;
            }
        }
        return ids;
    }

    private static <T> T run(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException | IllegalStateException e) {
            throw new VisitStoreException("the visit store could not " + what + ": " + e.getMessage(), e);
        }
    }
}
