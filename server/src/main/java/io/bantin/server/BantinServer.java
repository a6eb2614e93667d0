package io.bantin.server;

import io.bantin.render.ArticleHtml;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bantin.article.ArticleRepository;
import io.bantin.javalin.BantinPlugin;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.ReaderAssets;
import io.bantin.render.RenderOptions;
import io.bantin.server.admin.AdminPages;
import io.bantin.server.admin.BaselineApi;
import io.bantin.server.articles.ArticleIndex;
import io.bantin.server.articles.ArticleLookup;
import io.bantin.server.articles.ArticlesApi;
import io.bantin.server.counting.HitRecorder;
import io.bantin.server.http.ApiException;
import io.bantin.server.http.AssetBundle;
import io.bantin.server.http.BufferedBodies;
import io.bantin.server.http.ErrorHandlers;
import io.bantin.server.http.JsonBodies;
import io.bantin.server.http.NoMethodOverride;
import io.bantin.server.http.SecurityHeaders;
import io.bantin.server.ops.MetricsListener;
import io.bantin.server.ops.OpsRoutes;
import io.bantin.server.ops.ServerMetrics;
import io.bantin.server.pages.FeedRoutes;
import io.bantin.server.pages.Portal;
import io.bantin.server.pages.PublicPages;
import io.bantin.server.pages.Templates;
import io.bantin.server.security.AdminAccounts;
import io.bantin.server.security.AdminPasswordFile;
import io.bantin.server.security.Auth;
import io.bantin.server.security.AuthApi;
import io.bantin.server.security.LoginCsrf;
import io.bantin.server.security.LoginThrottle;
import io.bantin.server.security.Logins;
import io.bantin.server.security.PasswordHasher;
import io.bantin.server.security.PrivateResponses;
import io.bantin.server.security.SessionStore;
import io.bantin.store.Database;
import io.bantin.store.SqlArticleRepository;
import io.bantin.store.SqlVisitStore;
import io.bantin.visit.ClientAddresses;
import io.bantin.visit.VisitCounter;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole portal, wired once from a {@link ServerConfig}: the SQLite database, the visit counter,
 * the articles, the renderer and the Javalin routes. No statics: two servers can run side by side
 * (tests do). {@link #close()} stops accepting requests, flushes the counter and closes the
 * database, in that order, so no counted hit is lost.
 */
public final class BantinServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BantinServer.class);

    /** How long a stop waits for requests in flight. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The most request threads: Javalin's default pool grows to 250, while a few per core keep a
     * small machine busy (handlers do not wait on I/O: the counter never blocks, article pages
     * come from a cache). Every extra thread costs resident memory (its stack, a malloc arena).
     */
    static final int MAX_HTTP_THREADS = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());

    /** Bodies over this size are refused with 413. */
    static final long MAX_BODY = 1024 * 1024;

    /**
     * The most bytes all request bodies being read may hold together: a quarter of the heap, at
     * least four full bodies. At {@code -Xmx96m} that is 24 MiB, so clients that stall just before
     * their last byte cannot fill the heap.
     */
    static long bodyBudget() {
        return Math.max(4 * MAX_BODY, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * How often the article index reads what other servers on the same database changed, whatever
     * the change number says: a safety net, not the way changes travel (see {@link ArticleChanges}).
     */
    static final Duration ARTICLE_REFRESH = Duration.ofSeconds(30);

    /**
     * How often the change number of the articles is read: one indexed one-row read, and a change
     * made through another server is served here at most this long (plus a reload) later.
     */
    static final Duration CHANGE_POLL = Duration.ofMillis(250);

    /** How often scheduled articles whose time has come are published. */
    static final Duration PUBLISH_POLL = Duration.ofSeconds(1);

    /** How often ended sessions and forgotten login failures are deleted. */
    static final Duration HOUSEKEEPING = Duration.ofMinutes(1);

    /** An editor's session unused for this long is over. */
    static final Duration SESSION_IDLE = Duration.ofHours(2);

    private final ServerDatabase database;
    private final VisitCounter counter;
    private final ArticleLookup articles;
    private final ScheduledExecutorService refresher;
    private final Javalin app;
    private final MetricsListener metricsListener;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BantinServer(ServerDatabase database, VisitCounter counter, ArticleLookup articles,
                         ScheduledExecutorService refresher, Javalin app, MetricsListener metricsListener,
                         String baseUrl) {
        this.database = database;
        this.counter = counter;
        this.articles = articles;
        this.refresher = refresher;
        this.app = app;
        this.metricsListener = metricsListener;
        this.baseUrl = baseUrl;
    }

    /**
     * Opens the database (creating and migrating it), sets up the admin account, seeds the demo
     * articles when asked, and starts listening.
     *
     * @param config the configuration
     * @return the running server, listening when this returns
     * @throws RuntimeException when the database cannot be opened or the port cannot be bound;
     *     whatever was opened is closed again
     */
    public static BantinServer start(ServerConfig config) {
        return start(config, db -> articleRepository(db, config));
    }

    /** {@link #start(ServerConfig)} with another article repository (tests inject failures). */
    static BantinServer start(ServerConfig config, Function<Database, ArticleRepository> articles) {
        // Loading the web stack's classes takes as long as opening and migrating the database;
        // on two cores both can go at once.
        CompletableFuture<Void> warm = CompletableFuture.runAsync(BantinServer::preload);
        ServerDatabase opened = ServerDatabase.open(config);
        Database database = opened.database();
        // Shared by every server on the database: a load balancer may send each request elsewhere.
        SessionStore sessions = new SessionStore(database.jdbi(), config.clock(), SESSION_IDLE, config.sessionLifetime());
        LoginThrottle throttle = LoginThrottle.standard(config.clock(), database.jdbi());
        VisitCounter counter = null;
        CompletableFuture<VisitCounter> opening = null;
        ScheduledExecutorService refresher = null;
        Javalin app = null;
        MetricsListener metricsListener = null;
        try {
            ServerMetrics metrics = new ServerMetrics();
            AdminAccounts accounts = new AdminAccounts(database.jdbi(), new PasswordHasher(PasswordHasher.DEFAULT_COST),
                    config.clock());
            // Without a configured password this is a quick look, or on the very first start a new
            // password (one bcrypt) made while the rest starts. A configured one is checked once
            // the server listens (see below): that is a bcrypt at every restart.
            CompletableFuture<Optional<String>> admin = config.adminPassword() == null
                    ? CompletableFuture.supplyAsync(() -> accounts.ensureAdmin(null))
                    : CompletableFuture.completedFuture(Optional.empty());

            // The counter restores its saved window (on a busy site tens of thousands of visitors)
            // while the web stack is built and starts on the other core; a request that comes in
            // before it is ready waits for it. Startup fails, as before, if it cannot be opened.
            opening = CompletableFuture.supplyAsync(() -> {
                VisitCounter.Builder builder = VisitCounter.builder()
                        .clock(config.clock())
                        .zone(config.zone())
                        .onlineWindow(config.onlineWindow())
                        .visitTimeout(config.visitTimeout())
                        .flushInterval(config.flushInterval())
                        .visitorBudget(config.visitorBudget());
                if (config.maxVisitors() != null) {
                    builder.maxTrackedVisitors(config.maxVisitors());
                }
                String ownHost = config.baseUrl() == null ? null : java.net.URI.create(config.baseUrl()).getHost();
                if (ownHost != null) {
                    // Readers moving between the site's own pages count as "(internal)", not by host.
                    builder.ownHosts(java.util.List.of(ownHost));
                }
                VisitCounter c = builder.store(new SqlVisitStore(database)).build();
                BaselineSetting.apply(database.jdbi(), c, config.baselineTotal());
                return c;
            });
            counter = new StartingCounter(opening);
            metrics.bind(counter);
            ArticleRepository repository = articles.apply(database);
            if (config.demo()) {
                int seeded = DemoArticles.seedIfEmpty(repository, config.clock());
                if (seeded > 0) {
                    LOG.info("event=demo_seeded articles={}", seeded);
                }
            }
            // Read before the index loads, so that any write after the load is seen as a change.
            long changesSeen = ArticleChanges.current(database.jdbi());
            // After the demo seed, so the index's one query sees the samples too.
            ArticleLookup lookup = new ArticleLookup(ArticleIndex.load(repository, config.clock()), config.clock());
            ArticleChanges changes = new ArticleChanges(database.jdbi(), lookup, config.clock(), changesSeen);
            refresher = startRefresher(lookup, changes, sessions, throttle);
            join(warm);
            Wiring wiring = new Wiring(config, database, counter, lookup, accounts, metrics, sessions, throttle);
            app = wiring.app();
            // The password itself goes only to a file only this user can read: console output ends
            // up in log files. Its path is printed where the operator looks on a first start.
            join(admin).ifPresent(generated -> System.out.println(
                    "bantin: created the account 'admin'; its password is in "
                            + AdminPasswordFile.write(config.database().toAbsolutePath().getParent(), generated)
                            + " (readable only by this user; delete the file once noted, or set BANTIN_ADMIN_PASSWORD to choose one)"));
            // With a known port the renderer is ready before the first request; with port 0 the
            // URL is only known once bound, a moment after listening starts.
            boolean knownEarly = config.baseUrl() != null || config.port() != 0;
            if (knownEarly) {
                wiring.bind(publicUrl(config, config.port()));
            }
            app.start(config.host(), config.port());
            if (config.metricsPort() != null) {
                metricsListener = MetricsListener.start(config.metricsPort(), metrics::scrape);
                LOG.info("event=metrics_listening url=http://{}:{}/metrics", MetricsListener.HOST, metricsListener.port());
            }
            counter = join(opening);
            if (config.adminPassword() != null) {
                accounts.ensureAdminInBackground(config.adminPassword()).exceptionally(e -> {
                    LOG.error("event=admin_password_failed error={}", e.toString());
                    return null;
                });
            }
            String baseUrl = publicUrl(config, app.port());
            if (!knownEarly) {
                wiring.bind(baseUrl);
            }
            String node = config.nodeName(app.port());
            metrics.node(node);
            LOG.info("event=started node={} url=http://{}:{} base_url={} db={} jvm_uptime_ms={}", node, config.host(),
                    app.port(), baseUrl, opened.description(), ManagementFactory.getRuntimeMXBean().getUptime());
            return new BantinServer(opened, counter, lookup, refresher, app, metricsListener, baseUrl);
        } catch (RuntimeException | Error e) {
            if (metricsListener != null) {
                metricsListener.close();
            }
            if (app != null) {
                // Listening already when the counter failed to open: stop, or the port stays taken.
                try {
                    app.stop();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (refresher != null) {
                refresher.shutdownNow();
            }
            if (opening != null && counter instanceof StartingCounter) {
                // Not joined yet: wait for it, to close it if it opened.
                counter = opening.handle((c, failure) -> c).join();
            }
            if (counter != null) {
                try {
                    counter.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            opened.close();
            throw e;
        }
    }

    /**
     * Runs the background work on one daemon thread, never a request's: the change poll, the
     * scheduled publishing, the article index's safety-net refresh and the housekeeping of sessions
     * and login failures. A failed run (the database busy or gone) is logged and the next one tries
     * again; what is in memory stays as it was.
     */
    private static ScheduledExecutorService startRefresher(ArticleLookup lookup, ArticleChanges changes,
                                                           SessionStore sessions, LoginThrottle throttle) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bantin-article-refresh");
            t.setDaemon(true);
            return t;
        });
        every(refresher, CHANGE_POLL, "article_change_poll", changes::poll);
        every(refresher, PUBLISH_POLL, "scheduled_publish", changes::publishDue);
        every(refresher, ARTICLE_REFRESH, "article_refresh", lookup::refresh);
        every(refresher, HOUSEKEEPING, "housekeeping", () -> {
            sessions.deleteExpired();
            throttle.forgetExpired();
        });
        return refresher;
    }

    /**
     * Schedules {@code task} every {@code period}. A failure is logged once when a streak of them
     * begins and once when it ends, not at every run (the change poll runs four times a second).
     */
    private static void every(ScheduledExecutorService executor, Duration period, String name, Runnable task) {
        AtomicBoolean failing = new AtomicBoolean();
        long millis = period.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                if (failing.compareAndSet(true, false)) {
                    LOG.info("event={}_recovered", name);
                }
            } catch (RuntimeException e) {
                if (failing.compareAndSet(false, true)) {
                    LOG.warn("event={}_failed error={}", name, e.toString());
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static ArticleRepository articleRepository(Database database, ServerConfig config) {
        return new SqlArticleRepository(database, config.clock(), ArticleHtml.policy());
    }

    /** Loads and initializes the classes the first request needs; results are thrown away. */
    private static void preload() {
        try {
            // Jdbi registers a Flight Recorder event before its first statement, which starts the
            // JDK's JFR machinery (~0.2 s of class loading): do it here, not on the database's path.
            Class.forName("org.jdbi.v3.core.statement.internal.JfrSupport");
            ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
            mapper.writeValueAsString(new OpsRoutes.HealthJson("ok", null));
            mapper.readTree("{\"path\":\"/\"}");
            new ServerMetrics().request("GET", "/", 200, 1.0);
            new Templates();
            Class.forName("org.eclipse.jetty.server.handler.GracefulHandler");
            Class.forName("org.eclipse.jetty.server.ServerConnector");
        } catch (Exception | LinkageError e) {
            // Only a head start; the real wiring reports any real problem.
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    private static String publicUrl(ServerConfig config, int port) {
        if (config.baseUrl() != null) {
            return config.baseUrl();
        }
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The port of the {@code /metrics} listener on 127.0.0.1, if one was configured. */
    public java.util.OptionalInt metricsPort() {
        return metricsListener == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(metricsListener.port());
    }

    /** The public base URL, e.g. {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The visit counter (tests flush it and read it). */
    public VisitCounter counter() {
        return counter;
    }

    /** The database, for tests that need to take it away. */
    Database database() {
        return database.database();
    }

    /** The articles and their index, for tests that refresh it by hand. */
    ArticleLookup articles() {
        return articles;
    }

    /** Stops accepting requests, flushes the counter, closes the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("event=stopping");
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.error("event=http_stop_failed error={}", e.toString());
        }
        if (metricsListener != null) {
            try {
                metricsListener.close();
            } catch (RuntimeException e) {
                LOG.warn("event=metrics_stop_failed error={}", e.toString());
            }
        }
        refresher.shutdownNow();
        try {
            // A refresh in flight must not meet a closed database.
            if (!refresher.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("event=article_refresh_stop_timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            counter.close();
        } catch (RuntimeException e) {
            // Nothing more can be done at this point; the deltas are lost with the process.
            LOG.error("event=final_flush_failed error={}", e.toString());
        }
        database.close();
        LOG.info("event=stopped");
    }

    /** Builds the routes once; the renderer and base URL are bound after the port is known. */
    private static final class Wiring {
        private final ServerConfig config;
        private final Database database;
        private final VisitCounter counter;
        private final ArticleLookup lookup;
        private final AdminAccounts accounts;
        private final ServerMetrics metrics;
        private final SessionStore sessions;
        private final LoginThrottle throttle;
        private volatile String baseUrl;
        private volatile String readerBase;
        private volatile Portal portal;
        /** The registered route patterns: the only route labels of the request metrics. */
        private volatile Set<String> routes = Set.of();

        Wiring(ServerConfig config, Database database, VisitCounter counter, ArticleLookup lookup,
               AdminAccounts accounts, ServerMetrics metrics, SessionStore sessions, LoginThrottle throttle) {
            this.config = config;
            this.sessions = sessions;
            this.throttle = throttle;
            this.database = database;
            this.counter = counter;
            this.lookup = lookup;
            this.accounts = accounts;
            this.metrics = metrics;
        }

        Javalin app() {
            ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            JsonBodies json = new JsonBodies(mapper);
            Auth auth = new Auth(sessions, config.secureCookies());
            ClientAddresses ips = ClientAddresses.trusting(config.trustedProxies(), config.forwardedHeader());
            Logins logins = new Logins(accounts, throttle, ips);
            AssetBundle readerAssets = new AssetBundle("/assets/bantin", ReaderAssets.all());
            AssetBundle siteAssets = new AssetBundle("/assets/site",
                    AssetBundle.fromClasspath("assets/site", "site.css", "site.js"));
            readerBase = readerAssets.base();
            Portal p = new Portal(config.siteName(), config.zone(), lookup, counter, siteAssets, auth, new Templates());
            portal = p;
            // The counting routes and their rules are the plugin an embedder mounts; the server counts
            // only its article pages itself, so the plugin's page counting is off.
            BantinPlugin counting = new BantinPlugin(c -> c.counter(counter)
                    .trustedProxies(config.trustedProxies())
                    .forwardedHeader(config.forwardedHeader())
                    .articleIds(lookup::visibleId)
                    .editors(ctx -> auth.session(ctx).isPresent())
                    .corsOrigins(config.corsOrigins())
                    .clock(config.clock())
                    .onHit(outcome -> metrics.hit(outcome.name()))
                    .countPages(false));
            HitRecorder hits = new HitRecorder(counting);
            ErrorHandlers errors = new ErrorHandlers(p::errorPage);

            Javalin created = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.startup.startupWatcherEnabled = false;
                cfg.http.prefer405over404 = true;
                cfg.http.maxRequestSize = MAX_BODY;
                cfg.http.generateEtags = false;
                cfg.router.ignoreTrailingSlashes = true;
                cfg.jsonMapper(new JavalinJackson(mapper, false));
                QueuedThreadPool pool = new QueuedThreadPool(MAX_HTTP_THREADS, 4, 60_000);
                pool.setName("bantin-http");
                cfg.jetty.threadPool = pool;
                // On stop, let requests in flight finish (up to 5 s) before the counter is closed:
                // Javalin nests its handler inside this one.
                // Javalin's handler goes inside the innermost wrapper: every request has lost any method
                // override and has its whole body in memory before it takes a request thread.
                cfg.jetty.modifyServer(server -> {
                    GracefulHandler graceful = new GracefulHandler();
                    NoMethodOverride noOverride = new NoMethodOverride();
                    graceful.setHandler(noOverride);
                    noOverride.setHandler(new BufferedBodies(MAX_BODY, config.bodyTimeout(), config.bodyMinRate(),
                            config.bodyRateGrace(), bodyBudget()));
                    server.setHandler(graceful);
                    server.setStopTimeout(STOP_TIMEOUT.toMillis());
                });
                cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));
                cfg.routes.before(ctx -> {
                    SecurityHeaders.apply(ctx);
                    PrivateResponses.apply(ctx);
                    String length = ctx.header("Content-Length");
                    if (length != null) {
                        try {
                            if (Long.parseLong(length.trim()) > MAX_BODY) {
                                throw new ApiException(413, "request body too large (limit 1 MiB)", Map.of());
                            }
                        } catch (NumberFormatException e) {
                            throw new ApiException(400, "bad Content-Length", Map.of());
                        }
                    }
                });
                cfg.routes.after(PrivateResponses::apply);
                errors.register(cfg.routes);
                new PublicPages(p, lookup, counter, hits).register(cfg.routes);
                new FeedRoutes(p, lookup, () -> baseUrl, config.clock()).register(cfg.routes);
                cfg.registerPlugin(counting);
                new ArticlesApi(json, lookup, counter, auth, config.clock()).register(cfg.routes);
                LoginCsrf loginCsrf = new LoginCsrf(() -> baseUrl, config.secureCookies());
                new AuthApi(json, logins, auth, loginCsrf).register(cfg.routes);
                new BaselineApi(json, auth, counter).register(cfg.routes);
                new AdminPages(p, lookup, counter, auth, logins, loginCsrf, config.clock()).register(cfg.routes);
                // The last flush is checked first: it costs nothing, and while PostgreSQL is away a
                // ping would wait for the pool's connection timeout.
                BooleanSupplier databaseUp = () -> counter.metrics().failureStreak() == 0 && database.ping();
                new OpsRoutes(databaseUp, metrics, List.of(readerAssets, siteAssets), config.metricsToken()).register(cfg.routes);
            });
            headRunsGet(created.unsafe.internalRouter);
            Set<String> registered = new HashSet<>();
            for (ParsedEndpoint parsed : created.unsafe.internalRouter.allHttpHandlers()) {
                if (parsed.endpoint.method.isHttpMethod()) {
                    registered.add(parsed.endpoint.path);
                }
            }
            routes = Set.copyOf(registered);
            return created;
        }

        /**
         * Gives every GET route without its own HEAD route a HEAD route running the same handler.
         * Javalin otherwise answers HEAD with an empty 200 for any path a GET route matches, without
         * running the handler: {@code HEAD /admin} said 200 where GET redirects to the login. Run
         * by the handler, HEAD gets GET's authorization, status and headers; Jetty drops the body.
         * Routes whose GET has a side effect (counting a view) register their own HEAD first.
         */
        private static void headRunsGet(InternalRouter router) {
            Set<String> heads = new HashSet<>();
            List<Endpoint> gets = new ArrayList<>();
            for (ParsedEndpoint parsed : router.allHttpHandlers()) {
                if (parsed.endpoint.method.equals(HandlerType.HEAD)) {
                    heads.add(parsed.endpoint.path);
                } else if (parsed.endpoint.method.equals(HandlerType.GET)) {
                    gets.add(parsed.endpoint);
                }
            }
            for (Endpoint get : gets) {
                if (heads.add(get.path)) {
                    router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler));
                }
            }
        }

        void bind(String publicBaseUrl) {
            this.baseUrl = publicBaseUrl;
            portal.bind(new ArticleRenderer(RenderOptions.builder()
                    .locale(Locale.forLanguageTag("vi"))
                    .zone(config.zone())
                    .siteName(config.siteName())
                    .baseUrl(publicBaseUrl)
                    .assetPath(readerBase)
                    .articlePath("/articles/")
                    .build()));
        }

        /** The request's route pattern for the metrics: a registered route, else {@code unmatched}. */
        private String routeOf(io.javalin.http.Context ctx) {
            try {
                // The matched route's, not ctx.endpoint()'s: that is the last handler run, an
                // after-handler's "*" for every request.
                Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
                return matched != null && routes.contains(matched.path) ? matched.path : "unmatched";
            } catch (RuntimeException e) {
                return "unmatched";
            }
        }
    }
}
