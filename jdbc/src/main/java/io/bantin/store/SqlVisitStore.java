package io.bantin.store;

import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.Dimension;
import io.bantin.visit.DimensionCount;
import io.bantin.visit.spi.ArticleDayViews;
import io.bantin.visit.spi.DimensionDayCount;
import io.bantin.visit.spi.StoreChanges;
import io.bantin.visit.spi.VisitDelta;
import io.bantin.visit.spi.VisitInterval;
import io.bantin.visit.spi.VisitIntervals;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VisitStore} on bantin's {@link Database} (tables of {@code V1__visits.sql} to
 * {@code V4__visit_intervals.sql}). History is pre-aggregated per day and per article per day; every
 * write adds with {@code INSERT ... ON CONFLICT ... DO UPDATE SET n = n + excluded.n}, which SQLite
 * and PostgreSQL both understand. Several processes can share one database: each apply takes one
 * store-wide lock (a PostgreSQL advisory lock; SQLite's write transaction), merges the flush's visit
 * intervals with the stored ones of the same (day, visitor) by {@link VisitIntervals#merge} and adds
 * what the merge derives, in the same transaction as the counts; it stamps the rows it changes with
 * the store's change number, which {@link #changesSince} reads back by index. A day's visitor salt is
 * the first one stored, so processes sharing the database agree on it. Thread-safe.
 */
public final class SqlVisitStore implements VisitStore {

    private static final String ADD_DAY = "INSERT INTO bantin_visit_day (day, visits, page_views, bots, change_no) "
            + "VALUES (:day, :visits, :pageViews, :bots, :change) ON CONFLICT (day) DO UPDATE SET "
            + "visits = bantin_visit_day.visits + excluded.visits, "
            + "page_views = bantin_visit_day.page_views + excluded.page_views, "
            + "bots = bantin_visit_day.bots + excluded.bots, change_no = excluded.change_no";
    private static final String ADD_ARTICLE_DAY = "INSERT INTO bantin_article_view_day (article_id, day, views) "
            + "VALUES (:articleId, :day, :views) ON CONFLICT (article_id, day) DO UPDATE SET "
            + "views = bantin_article_view_day.views + excluded.views";
    private static final String ADD_ARTICLE_TOTAL = "INSERT INTO bantin_article_views (article_id, views, change_no) "
            + "VALUES (:articleId, :views, :change) ON CONFLICT (article_id) DO UPDATE SET "
            + "views = bantin_article_views.views + excluded.views, change_no = excluded.change_no";
    private static final String SET_META = "INSERT INTO bantin_visit_meta (name, value) VALUES (:name, :value) "
            + "ON CONFLICT (name) DO UPDATE SET value = excluded.value";
    private static final String GET_META = "SELECT value FROM bantin_visit_meta WHERE name = :name";
    /** Named rows of bantin_visit_meta: the running total of visits, and the change number. */
    private static final String TOTAL = "total_visits";
    private static final String CHANGE = "change";
    private static final String ADD_META = "UPDATE bantin_visit_meta SET value = value + :amount WHERE name = :name";
    private static final String CHANGED_DAYS = "SELECT day, visits, page_views, bots FROM bantin_visit_day "
            + "WHERE change_no > :since ORDER BY day";
    private static final String CHANGED_ARTICLES = "SELECT article_id, views FROM bantin_article_views "
            + "WHERE change_no > :since";
    private static final String CHANGED_ENDS = "SELECT visitor_key, MAX(visit_end) AS last_hit FROM bantin_visit_interval "
            + "WHERE visit_end >= :activeSince AND change_no > :since AND carried_to = 0 GROUP BY visitor_key";
    private static final String STORED_INTERVALS = "SELECT visitor_key, visit_start, visit_end, articles, dimension_values, carried_to "
            + "FROM bantin_visit_interval WHERE day = :day AND visitor_key IN (<keys>)";
    private static final String DELETE_INTERVALS = "DELETE FROM bantin_visit_interval WHERE day = :day AND visitor_key IN (<keys>)";
    private static final String INSERT_INTERVAL = "INSERT INTO bantin_visit_interval "
            + "(day, visitor_key, visit_start, visit_end, articles, dimension_values, carried_to, change_no) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FORGET_INTERVALS = "DELETE FROM bantin_visit_interval WHERE day < :before";
    /**
     * The key of the PostgreSQL advisory lock that serialises applies: two counters merging one visitor
     * at the same moment must not both insert ("bantin" in ASCII).
     */
    private static final long APPLY_LOCK = 0x62616e74696eL;
    private static final String DAYS = "SELECT day, visits, page_views, bots FROM bantin_visit_day "
            + "WHERE day >= :from AND day <= :to ORDER BY day";
    private static final String ARTICLE_TOTALS = "SELECT article_id, views FROM bantin_article_views "
            + "WHERE article_id IN (<ids>)";
    private static final String ALL_ARTICLE_TOTALS = "SELECT article_id, views FROM bantin_article_views";
    private static final String ARTICLE_RANGE = "SELECT article_id, SUM(views) AS views FROM bantin_article_view_day "
            + "WHERE day >= :from AND day <= :to AND article_id IN (<ids>) GROUP BY article_id HAVING SUM(views) > 0";
    private static final String TOP_ARTICLES = "SELECT article_id, SUM(views) AS views FROM bantin_article_view_day "
            + "WHERE day >= :from AND day <= :to GROUP BY article_id HAVING SUM(views) > 0 ORDER BY views DESC, article_id ASC LIMIT :limit";
    private static final String ADD_DIMENSION_DAY = "INSERT INTO bantin_visit_dimension_day "
            + "(dimension, day, value, visits) VALUES (:dimension, :day, :value, :visits) "
            + "ON CONFLICT (dimension, day, value) DO UPDATE SET "
            + "visits = bantin_visit_dimension_day.visits + excluded.visits";
    private static final String TOP_VALUES = "SELECT value, SUM(visits) AS visits FROM bantin_visit_dimension_day "
            + "WHERE dimension = :dimension AND day >= :from AND day <= :to GROUP BY value HAVING SUM(visits) > 0 "
            + "ORDER BY visits DESC, value ASC LIMIT :limit";
    private static final String VALUES_RANGE = "SELECT value, SUM(visits) AS visits FROM bantin_visit_dimension_day "
            + "WHERE dimension = :dimension AND day >= :from AND day <= :to AND value IN (<values>) GROUP BY value HAVING SUM(visits) > 0";
    /** A day's salt is the first one stored: counters sharing the database agree on it. */
    private static final String ADD_SALT = "INSERT INTO bantin_visitor_salt (day, k0, k1) VALUES (:day, :k0, :k1) "
            + "ON CONFLICT (day) DO NOTHING";
    private static final String GET_SALT = "SELECT day, k0, k1 FROM bantin_visitor_salt WHERE day = :day";
    private static final String BASELINE = "baseline";
    /**
     * Prefix of the meta rows holding each writer's latest applied flush number (one small row per
     * counter instance ever started; name = prefix + writer id in hex).
     */
    private static final String SEQUENCE = "flush_seq:";
    /** Keeps IN lists well below every driver's bind-parameter limit. */
    private static final int IN_CHUNK = 500;
    /** Rows per JDBC batch when writing merged intervals. */
    private static final int INTERVAL_BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(SqlVisitStore.class);

    private final Database db;
    /** Whether the database is PostgreSQL, found out at the first apply (null before). */
    private volatile Boolean postgres;

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
        if (delta.isEmpty() && delta.forgetIntervalsBefore().equals(LocalDate.MIN)) {
            return;
        }
        run("apply a flush", () -> db.jdbi().inTransaction(h -> {
            lockApplies(h);
            if (delta.sequence() > 0) {
                String name = SEQUENCE + Long.toHexString(delta.writer());
                long applied = h.createQuery(GET_META).bind("name", name).mapTo(Long.class).findOne().orElse(0L);
                if (applied >= delta.sequence()) {
                    return null; // already committed: a retry of a flush whose success went unreported
                }
                h.createUpdate(SET_META).bind("name", name).bind("value", delta.sequence()).execute();
            }
            h.createUpdate(ADD_META).bind("name", CHANGE).bind("amount", 1).execute();
            long change = h.createQuery(GET_META).bind("name", CHANGE).mapTo(Long.class).one();
            Derived derived = new Derived();
            for (DailyCount d : delta.days()) {
                derived.day(d.date(), d.visits(), d.pageViews(), d.bots());
            }
            for (ArticleDayViews a : delta.articleDays()) {
                derived.article(a.articleId(), a.date(), a.views());
            }
            for (DimensionDayCount d : delta.dimensionDays()) {
                derived.dimension(d.dimension(), d.date(), d.value(), d.visits());
            }
            mergeIntervals(h, delta, change, derived);
            derived.write(h, change);
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
            if (delta.forgetIntervalsBefore().isAfter(LocalDate.MIN)) {
                h.createUpdate(FORGET_INTERVALS).bind("before", delta.forgetIntervalsBefore().toString()).execute();
            }
            return null;
        }));
    }

    /**
     * Serialises applies across processes: on PostgreSQL an advisory lock held until the transaction
     * ends; on SQLite the transaction itself, which begins IMMEDIATE and so holds the one write lock.
     */
    private void lockApplies(Handle h) {
        Boolean pg = postgres;
        if (pg == null) {
            try {
                pg = h.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                        .contains("postgres");
            } catch (SQLException e) {
                throw new VisitStoreException("the visit store could not tell its database: " + e.getMessage(), e);
            }
            postgres = pg;
        }
        if (pg) {
            // The function returns void, which no mapper reads: select a constant beside it.
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS applies_locked")
                    .bind("key", APPLY_LOCK).mapTo(Integer.class).one();
        }
    }

    /** The amounts one apply adds: given in the delta, and derived from the merge of its intervals. */
    private static final class Derived {
        final Map<LocalDate, long[]> days = new TreeMap<>();
        final Map<Long, Map<LocalDate, Long>> articles = new TreeMap<>();
        final Map<String, Long> dimensions = new TreeMap<>();
        long lowered;
        long lowerings;

        void day(LocalDate day, long visits, long pageViews, long bots) {
            long[] row = days.computeIfAbsent(day, d -> new long[3]);
            row[0] += visits;
            row[1] += pageViews;
            row[2] += bots;
        }

        void article(long id, LocalDate day, long views) {
            articles.computeIfAbsent(id, k -> new TreeMap<>()).merge(day, views, Long::sum);
        }

        void dimension(Dimension dimension, LocalDate day, String value, long visits) {
            dimensions.merge(dimension.key() + "\u001f" + day + "\u001f" + value, visits, Long::sum);
        }

        void write(Handle h, long change) {
            long visits = 0;
            if (!days.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(ADD_DAY);
                for (Map.Entry<LocalDate, long[]> e : days.entrySet()) {
                    long[] r = e.getValue();
                    visits += r[0];
                    batch.bind("day", e.getKey().toString()).bind("visits", r[0]).bind("pageViews", r[1])
                            .bind("bots", r[2]).bind("change", change).add();
                }
                batch.execute();
            }
            if (visits != 0) {
                h.createUpdate(ADD_META).bind("name", TOTAL).bind("amount", visits).execute();
            }
            if (!dimensions.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(ADD_DIMENSION_DAY);
                dimensions.forEach((k, n) -> {
                    String[] parts = k.split("\u001f", 3);
                    batch.bind("dimension", parts[0]).bind("day", parts[1]).bind("value", parts[2]).bind("visits", n).add();
                });
                batch.execute();
            }
            if (!articles.isEmpty()) {
                PreparedBatch perDay = h.prepareBatch(ADD_ARTICLE_DAY);
                PreparedBatch total = h.prepareBatch(ADD_ARTICLE_TOTAL);
                articles.forEach((id, byDay) -> {
                    long sum = 0;
                    for (Map.Entry<LocalDate, Long> e : byDay.entrySet()) {
                        perDay.bind("articleId", id).bind("day", e.getKey().toString()).bind("views", e.getValue()).add();
                        sum += e.getValue();
                    }
                    total.bind("articleId", id).bind("views", sum).bind("change", change).add();
                });
                perDay.execute();
                total.execute();
            }
            if (lowerings > 0) {
                LOG.warn("A flush joined visits that were stored apart ({} visitors, {} visits fewer): a counter was "
                        + "cut off from the database for longer than the visit timeout", lowerings, lowered);
            }
        }
    }

    /**
     * Merges the delta's intervals into the stored ones, by day in chunks of {@link #IN_CHUNK} visitors:
     * one read of the stored intervals per chunk, then for the visitors whose intervals changed one
     * delete per chunk and their merged rows in batches; the figures the merges derive go to
     * {@code derived}.
     */
    private static void mergeIntervals(Handle h, VisitDelta delta, long change, Derived derived) {
        if (delta.intervals().isEmpty()) {
            return;
        }
        long timeout = delta.visitTimeout().toMillis();
        Map<LocalDate, Map<Long, List<VisitInterval>>> incoming = new TreeMap<>();
        for (VisitInterval i : delta.intervals()) {
            incoming.computeIfAbsent(i.day(), d -> new HashMap<>()).computeIfAbsent(i.key(), k -> new ArrayList<>()).add(i);
        }
        try (PreparedStatement insert = h.getConnection().prepareStatement(INSERT_INTERVAL)) {
            int pending = 0;
            for (Map.Entry<LocalDate, Map<Long, List<VisitInterval>>> byDay : incoming.entrySet()) {
                LocalDate day = byDay.getKey();
                List<Long> keys = new ArrayList<>(byDay.getValue().keySet());
                for (int from = 0; from < keys.size(); from += IN_CHUNK) {
                    List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
                    Map<Long, List<VisitInterval>> stored = new HashMap<>();
                    h.createQuery(STORED_INTERVALS).bind("day", day.toString()).bindList("keys", chunk)
                            .map((rs, ctx) -> new VisitInterval(rs.getLong("visitor_key"), day, rs.getLong("visit_start"),
                                    rs.getLong("visit_end"), parseIds(rs.getString("articles")),
                                    VisitIntervals.valuesFromText(rs.getString("dimension_values")), rs.getLong("carried_to")))
                            .forEach(i -> stored.computeIfAbsent(i.key(), k -> new ArrayList<>()).add(i));
                    List<Long> changed = new ArrayList<>();
                    List<VisitInterval> rows = new ArrayList<>();
                    for (Long key : chunk) {
                        VisitIntervals.Merge merge = VisitIntervals.merge(stored.getOrDefault(key, List.of()),
                                byDay.getValue().get(key), timeout);
                        if (!merge.changed()) {
                            continue;
                        }
                        changed.add(key);
                        rows.addAll(merge.intervals());
                        if (merge.lowers()) {
                            derived.lowerings++;
                            derived.lowered -= Math.min(0, merge.visits());
                        }
                        if (merge.visits() != 0) {
                            derived.day(day, merge.visits(), 0, 0);
                        }
                        merge.articleViews().forEach((id, n) -> derived.article(id, day, n));
                        merge.dimensionVisits().forEach((d, values) -> values.forEach((v, n) -> derived.dimension(d, day, v, n)));
                    }
                    if (changed.isEmpty()) {
                        continue;
                    }
                    h.createUpdate(DELETE_INTERVALS).bind("day", day.toString()).bindList("keys", changed).execute();
                    for (VisitInterval i : rows) {
                        insert.setString(1, day.toString());
                        insert.setLong(2, i.key());
                        insert.setLong(3, i.start());
                        insert.setLong(4, i.end());
                        insert.setString(5, idsToText(i.articles()));
                        insert.setString(6, VisitIntervals.valuesToText(i.values()));
                        insert.setLong(7, i.carriedTo());
                        insert.setLong(8, change);
                        insert.addBatch();
                        if (++pending == INTERVAL_BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                    // Before the next chunk's delete of other keys: nothing depends on it, but the
                    // batch stays small.
                    if (pending > 0) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
        } catch (SQLException e) {
            // Thrown inside the transaction, so the whole flush rolls back and is retried.
            throw new VisitStoreException("the visit store could not write the visit intervals: " + e.getMessage(), e);
        }
    }

    private static String idsToText(List<Long> ids) {
        StringBuilder text = new StringBuilder();
        for (Long id : ids) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(id.longValue());
        }
        return text.toString();
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

    /**
     * {@inheritDoc} Reads in one transaction, so the figures are those of one moment: the change
     * number, then the day rows and article totals stamped after {@code number} (by index), the
     * baseline and the running total (two named rows), and the latest end of the intervals stamped
     * after {@code number} that end at or after {@code activeSince} (by the index on their end).
     */
    @Override
    public StoreChanges changesSince(long number, Instant activeSince) {
        return run("read what changed", () -> db.jdbi().inTransaction(h -> {
            long now = meta(h, CHANGE);
            if (now == number) {
                return new StoreChanges(now, List.of(), Map.of(), meta(h, BASELINE), meta(h, TOTAL), Map.of());
            }
            List<DailyCount> days = h.createQuery(CHANGED_DAYS).bind("since", number)
                    .map((rs, ctx) -> new DailyCount(LocalDate.parse(rs.getString("day")), rs.getLong("visits"),
                            rs.getLong("page_views"), rs.getLong("bots")))
                    .list();
            Map<Long, Long> articles = new HashMap<>();
            h.createQuery(CHANGED_ARTICLES).bind("since", number)
                    .map((rs, ctx) -> Map.entry(rs.getLong("article_id"), rs.getLong("views")))
                    .forEach(e -> articles.put(e.getKey(), e.getValue()));
            Map<Long, Long> lastHits = new HashMap<>();
            h.createQuery(CHANGED_ENDS).bind("since", number).bind("activeSince", activeSince.toEpochMilli())
                    .map((rs, ctx) -> Map.entry(rs.getLong("visitor_key"), rs.getLong("last_hit")))
                    .forEach(e -> lastHits.put(e.getKey(), e.getValue()));
            return new StoreChanges(now, days, articles, meta(h, BASELINE), meta(h, TOTAL), lastHits);
        }));
    }

    private static long meta(Handle h, String name) {
        return h.createQuery(GET_META).bind("name", name).mapTo(Long.class).findOne().orElse(0L);
    }

    @Override
    public long baseline() {
        return run("read the baseline", () -> db.jdbi().withHandle(h -> h.createQuery(GET_META)
                .bind("name", BASELINE).mapTo(Long.class).findOne().orElse(0L)));
    }

    @Override
    public long totalVisits() {
        return run("read the total", () -> db.jdbi().withHandle(h -> meta(h, TOTAL)));
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
            // starts (in a cold JVM, Jdbi's per-row mapping costs more than the query). Each
            // (day, visitor)'s latest interval: intervals of one (day, visitor) lie at least the
            // timeout apart, so the latest of them are those no other of theirs ends after.
            List<VisitInterval> visitors = new ArrayList<>();
            long takenAt = Long.MIN_VALUE;
            try (PreparedStatement st = h.getConnection().prepareStatement("SELECT i.day, i.visitor_key, i.visit_start, "
                    + "i.visit_end, i.articles, i.dimension_values FROM bantin_visit_interval i WHERE i.carried_to = 0 AND NOT EXISTS "
                    + "(SELECT 1 FROM bantin_visit_interval later WHERE later.day = i.day "
                    + "AND later.visitor_key = i.visitor_key AND later.visit_start > i.visit_start) "
                    + "ORDER BY i.visit_end DESC, i.visitor_key LIMIT ?")) {
                st.setLong(1, maxVisitors);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long end = rs.getLong(4);
                        takenAt = Math.max(takenAt, end);
                        visitors.add(new VisitInterval(rs.getLong(2), LocalDate.parse(rs.getString(1)), rs.getLong(3), end,
                                parseIds(rs.getString(5)), VisitIntervals.valuesFromText(rs.getString(6))));
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
