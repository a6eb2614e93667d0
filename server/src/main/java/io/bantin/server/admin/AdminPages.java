package io.bantin.server.admin;

import io.bantin.article.Article;
import io.bantin.render.ArticleHtml;
import io.bantin.article.ArticleValidationException;
import io.bantin.article.Author;
import io.bantin.article.Image;
import io.bantin.article.Page;
import io.bantin.article.Slugs;
import io.bantin.article.Source;
import io.bantin.article.Status;
import io.bantin.server.security.Auth;
import io.bantin.server.security.LoginCsrf;
import io.bantin.server.security.Logins;
import io.bantin.server.security.Session;
import io.bantin.server.http.ApiException;
import io.bantin.server.articles.ArticleLookup;
import io.bantin.server.pages.Portal;
import io.bantin.visit.ArticleViews;
import io.bantin.visit.DailyCount;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin area behind "Đăng nhập": the login form, the dashboard (today's figures, a 30-day SVG
 * chart with a table, the most-viewed articles, the baseline) and the article editor (list, new,
 * edit with preview, publish, unpublish, delete). Plain HTML forms, each carrying the session's
 * CSRF token in a hidden field. Thread-safe.
 */
public final class AdminPages {
    private static final Logger LOG = LoggerFactory.getLogger(AdminPages.class);
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final int LIST_SIZE = 20;
    private static final Map<String, String> MESSAGES = Map.of(
            "saved", "Đã lưu bài viết.", "deleted", "Đã xóa bài viết.", "published", "Đã xuất bản bài viết.",
            "unpublished", "Đã gỡ bài viết xuống.", "baseline", "Đã lưu số liệu nền.");

    private final Portal portal;
    private final ArticleLookup articles;
    private final VisitCounter counter;
    private final Auth auth;
    private final Logins logins;
    private final LoginCsrf loginCsrf;
    private final Clock clock;

    /**
     * Creates the admin routes.
     *
     * @param portal layout and templates
     * @param articles the articles (writes go through it, updating the index)
     * @param counter figures, chart data, most viewed, baseline
     * @param auth sessions and CSRF
     * @param logins password checks with throttling
     * @param loginCsrf the login form's token and origin checks
     * @param clock for publication times and date ranges
     */
    public AdminPages(Portal portal, ArticleLookup articles, VisitCounter counter, Auth auth, Logins logins, LoginCsrf loginCsrf,
                      Clock clock) {
        this.portal = portal;
        this.articles = articles;
        this.counter = counter;
        this.auth = auth;
        this.logins = logins;
        this.loginCsrf = loginCsrf;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/login", this::loginPage);
        routes.post("/login", this::loginSubmit);
        routes.post("/logout", this::logout);
        routes.get("/admin", this::dashboard);
        routes.post("/admin/baseline", this::baseline);
        routes.get("/admin/articles", this::list);
        routes.get("/admin/articles/new", this::newArticle);
        routes.post("/admin/articles", ctx -> save(ctx, 0));
        routes.get("/admin/articles/{id}/edit", this::edit);
        routes.post("/admin/articles/{id}", ctx -> save(ctx, id(ctx)));
        routes.post("/admin/articles/{id}/publish", ctx -> setStatus(ctx, Status.PUBLISHED, "published"));
        routes.post("/admin/articles/{id}/unpublish", ctx -> setStatus(ctx, Status.DRAFT, "unpublished"));
        routes.post("/admin/articles/{id}/delete", this::delete);
    }

    private void loginPage(Context ctx) {
        if (auth.session(ctx).isPresent()) {
            ctx.redirect("/admin", HttpStatus.SEE_OTHER);
            return;
        }
        renderLogin(ctx, null, "");
    }

    private void loginSubmit(Context ctx) {
        String crossSite = loginCsrf.crossSiteHeader(ctx);
        if (crossSite != null) {
            throw new ApiException(403, "login from another site refused",
                    Map.of("header", crossSite, "rule", "must be this site's own origin"));
        }
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        if (!loginCsrf.formTokenMatches(ctx, ctx.formParam(Auth.CSRF_FIELD))) {
            // A form older than its cookie (cleared, or another browser): a fresh form, nothing tried.
            ctx.status(403);
            renderLogin(ctx, "Biểu mẫu đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", username);
            return;
        }
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        if (username.isEmpty() || password.isEmpty()) {
            ctx.status(400);
            renderLogin(ctx, "Vui lòng nhập tên đăng nhập và mật khẩu.", username);
            return;
        }
        Logins.Result r = logins.attempt(ctx, username, password);
        switch (r.kind()) {
            case OK:
                auth.login(ctx, username);
                ctx.redirect("/admin", HttpStatus.SEE_OTHER);
                break;
            case THROTTLED:
                long seconds = r.retryAfterSeconds();
                String wait = seconds < 60 ? seconds + " giây" : (seconds + 59) / 60 + " phút";
                ctx.header("Retry-After", Long.toString(seconds));
                ctx.status(429);
                renderLogin(ctx, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " + wait + ".", username);
                break;
            default:
                ctx.status(401);
                renderLogin(ctx, "Tên đăng nhập hoặc mật khẩu không đúng.", username);
        }
    }

    private void renderLogin(Context ctx, String error, String username) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", portal.layout(ctx, "Đăng nhập", "", null, true));
        params.put("error", error);
        params.put("username", username);
        params.put("csrfToken", loginCsrf.formToken(ctx));
        ctx.header("Cache-Control", "no-store");
        Portal.sendHtml(ctx, portal.render("login.jte", params));
    }

    private void logout(Context ctx) {
        Optional<Session> s = auth.session(ctx);
        if (s.isPresent()) {
            auth.requireCsrf(s.get(), ctx.formParam(Auth.CSRF_FIELD));
            auth.logout(ctx);
        }
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void dashboard(Context ctx) {
        if (requirePage(ctx).isEmpty()) {
            return;
        }
        VisitStats s = counter.stats();
        LocalDate today = LocalDate.now(clock.withZone(counter.zone()));
        LocalDate from = today.minusDays(29);
        List<DailyCount> daily = counter.daily(from, today);
        List<Long> visits = daily.stream().map(DailyCount::visits).toList();
        List<Long> views = daily.stream().map(DailyCount::pageViews).toList();
        ChartView chart = ChartView.of(visits, views, portal.day(from), portal.day(today));
        List<DashboardView.Day> days = daily.stream()
                .map(d -> new DashboardView.Day(portal.day(d.date()), d.visits(), d.pageViews())).toList();
        List<DashboardView.TopArticle> top = new ArrayList<>();
        for (ArticleViews v : counter.topArticles(from, today, 10)) {
            articles.repository().findById(v.articleId()).ifPresent(a ->
                    top.add(new DashboardView.TopArticle(a.title(), "/articles/" + a.slug(), v.views())));
        }
        DashboardView view = new DashboardView(s.online(), s.today(), s.yesterday(), s.thisWeek(), s.thisMonth(),
                s.total(), s.pageViewsToday(), s.botsToday(), counter.metrics().overBudgetHitsToday(), counter.baseline(), chart, days, top, message(ctx));
        page(ctx, "admin/dashboard.jte", "Trang quản trị", Map.of("view", view));
    }

    private void baseline(Context ctx) {
        Session s = requireForm(ctx);
        long total;
        try {
            total = Long.parseLong(Optional.ofNullable(ctx.formParam("total")).orElse("").strip());
        } catch (NumberFormatException e) {
            throw ApiException.badField("total", BaselineApi.BASELINE_RULE);
        }
        if (total < 0 || total > VisitCounter.MAX_BASELINE) {
            throw ApiException.badField("total", BaselineApi.BASELINE_RULE);
        }
        counter.setBaseline(total);
        LOG.info("event=baseline_set user={} total={}", s.username(), total);
        ctx.redirect("/admin?msg=baseline", HttpStatus.SEE_OTHER);
    }

    private void list(Context ctx) {
        if (requirePage(ctx).isEmpty()) {
            return;
        }
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(Optional.ofNullable(ctx.queryParam("page")).orElse("1")));
        } catch (NumberFormatException e) {
            page = 1;
        }
        Page<Article> result = articles.repository().allTeasers(page, LIST_SIZE);
        Instant now = clock.instant();
        List<AdminArticleList.Row> rows = result.items().stream().map(a -> new AdminArticleList.Row(
                a.id(), a.title(), ArticleForm.statusLabel(a.status().id()) + scheduledNote(a),
                portal.display(a.updatedAt()), a.isVisibleAt(now), "/articles/" + a.slug())).toList();
        long pages = Math.max(1, (result.total() + LIST_SIZE - 1) / LIST_SIZE);
        AdminArticleList view = new AdminArticleList(rows, result.total(),
                page > 1 ? "/admin/articles?page=" + (page - 1) : null,
                page < pages ? "/admin/articles?page=" + (page + 1) : null, message(ctx));
        page(ctx, "admin/articles.jte", "Quản lý bài viết", Map.of("view", view));
    }

    private String scheduledNote(Article a) {
        return a.status() == Status.SCHEDULED && a.publishedAt() != null ? " (" + portal.display(a.publishedAt()) + ")" : "";
    }

    private void newArticle(Context ctx) {
        if (requirePage(ctx).isEmpty()) {
            return;
        }
        ArticleForm form = new ArticleForm(0, "", "", "", "", "", "", "", "", "", "", "", "", "draft", "",
                portal.zone().getId(), Map.of());
        editor(ctx, form, null);
    }

    private void edit(Context ctx) {
        if (requirePage(ctx).isEmpty()) {
            return;
        }
        Article a = articles.repository().findById(id(ctx)).orElseThrow(() -> ApiException.notFound("no such article"));
        editor(ctx, formOf(a), null);
    }

    private void save(Context ctx, long id) {
        Session s = requireForm(ctx);
        Article existing = null;
        if (id > 0) {
            existing = articles.repository().findById(id).orElseThrow(() -> ApiException.notFound("no such article"));
        }
        ArticleForm form = formFromRequest(ctx, id);
        Map<String, String> errors = new LinkedHashMap<>();
        Article article = toArticle(form, existing, errors);
        if (article == null) {
            ctx.status(400);
            editor(ctx, form.withErrors(errors), null);
            return;
        }
        if ("preview".equals(ctx.formParam("action"))) {
            Article preview = article.toBuilder().body(ArticleHtml.sanitize(article.body()))
                    .slug(article.slug().isEmpty() ? Slugs.slugify(article.title()) : article.slug()).build();
            // A preview counts no view and shows 0, as it always has.
            editor(ctx, form, portal.renderer().articleFragment(preview, 0));
            return;
        }
        Article saved;
        try {
            saved = articles.save(article);
        } catch (ArticleValidationException e) {
            ctx.status(400);
            editor(ctx, form.withErrors(e.errors()), null);
            return;
        }
        LOG.info("event=article_saved user={} id={} status={}", s.username(), saved.id(), saved.status().id());
        ctx.redirect("/admin/articles?msg=saved", HttpStatus.SEE_OTHER);
    }

    private void setStatus(Context ctx, Status status, String message) {
        Session s = requireForm(ctx);
        Article a = articles.repository().findById(id(ctx)).orElseThrow(() -> ApiException.notFound("no such article"));
        Instant now = clock.instant();
        Article.Builder b = a.toBuilder().status(status);
        if (status == Status.PUBLISHED && (a.publishedAt() == null || a.publishedAt().isAfter(now))) {
            b.publishedAt(now);
        }
        articles.save(b.build());
        LOG.info("event=article_status user={} id={} status={}", s.username(), a.id(), status.id());
        ctx.redirect("/admin/articles?msg=" + message, HttpStatus.SEE_OTHER);
    }

    private void delete(Context ctx) {
        Session s = requireForm(ctx);
        long id = id(ctx);
        boolean deleted = articles.delete(id);
        if (!deleted) {
            throw ApiException.notFound("no such article");
        }
        LOG.info("event=article_deleted user={} id={}", s.username(), id);
        ctx.redirect("/admin/articles?msg=deleted", HttpStatus.SEE_OTHER);
    }

    private void editor(Context ctx, ArticleForm form, String previewHtml) {
        Map<String, Object> params = new HashMap<>();
        params.put("form", form);
        params.put("previewHtml", previewHtml);
        page(ctx, "admin/edit.jte", form.id() == 0 ? "Viết bài mới" : "Sửa bài viết", params);
    }

    private void page(Context ctx, String template, String title, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("layout", portal.layout(ctx, title, "", null, true));
        ctx.header("Cache-Control", "no-store");
        Portal.sendHtml(ctx, portal.render(template, all));
    }

    /** The session, or a redirect to the login page (and empty). */
    private Optional<Session> requirePage(Context ctx) {
        Optional<Session> s = auth.session(ctx);
        if (s.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        }
        return s;
    }

    /** The session of a form post with its CSRF field checked: 401 without a session, 403 with a bad token. */
    private Session requireForm(Context ctx) {
        Session s = auth.session(ctx).orElseThrow(() -> new ApiException(401, "login required", Map.of()));
        auth.requireCsrf(s, ctx.formParam(Auth.CSRF_FIELD));
        return s;
    }

    private String message(Context ctx) {
        String key = ctx.queryParam("msg");
        return key == null ? null : MESSAGES.get(key);
    }

    private static long id(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // a 404 below
        }
        throw ApiException.notFound("no such article");
    }

    private ArticleForm formOf(Article a) {
        return new ArticleForm(a.id(), a.title(), a.slug(), a.summary(), a.body(),
                a.author() == null ? "" : a.author().name(), a.author() == null ? "" : a.author().position(),
                a.source() == null ? "" : a.source().text(), a.source() == null ? "" : a.source().url(),
                a.category(), String.join(", ", a.tags()), a.image() == null ? "" : a.image().url(),
                a.image() == null ? "" : a.image().alt(), a.status().id(),
                a.publishedAt() == null ? "" : LOCAL_INPUT.format(a.publishedAt().atZone(portal.zone())),
                portal.zone().getId(), Map.of());
    }

    private ArticleForm formFromRequest(Context ctx, long id) {
        return new ArticleForm(id, ctx.formParam("title"), ctx.formParam("slug"), ctx.formParam("summary"),
                ctx.formParam("body"), ctx.formParam("authorName"), ctx.formParam("authorPosition"),
                ctx.formParam("sourceText"), ctx.formParam("sourceUrl"), ctx.formParam("category"),
                ctx.formParam("tags"), ctx.formParam("imageUrl"), ctx.formParam("imageAlt"),
                ctx.formParam("status"), ctx.formParam("publishedAt"), portal.zone().getId(), Map.of());
    }

    /** The article the form describes, or {@code null} with {@code errors} filled in. */
    private Article toArticle(ArticleForm f, Article existing, Map<String, String> errors) {
        Status status;
        try {
            status = Status.parse(f.status());
        } catch (IllegalArgumentException e) {
            errors.put("status", "không hợp lệ");
            return null;
        }
        Instant publishedAt = null;
        if (!f.publishedAt().isBlank()) {
            try {
                publishedAt = LocalDateTime.parse(f.publishedAt().strip()).atZone(portal.zone()).toInstant();
            } catch (DateTimeParseException e) {
                errors.put("publishedAt", "không đúng định dạng ngày giờ");
                return null;
            }
        }
        if (status == Status.PUBLISHED && publishedAt == null) {
            publishedAt = existing != null && existing.publishedAt() != null ? existing.publishedAt() : clock.instant();
        }
        List<String> tags = Arrays.stream(f.tags().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        try {
            return Article.builder()
                    .id(f.id())
                    .slug(f.slug().isBlank() && existing != null ? existing.slug() : f.slug())
                    .title(f.title())
                    .summary(f.summary())
                    .body(f.body())
                    .author(f.authorName().isBlank() && f.authorPosition().isBlank() ? null
                            : new Author(f.authorName(), f.authorPosition()))
                    .source(f.sourceText().isBlank() && f.sourceUrl().isBlank() ? null
                            : new Source(f.sourceText(), f.sourceUrl()))
                    .category(f.category())
                    .tags(tags)
                    .status(status)
                    .publishedAt(publishedAt)
                    .image(f.imageUrl().isBlank() && f.imageAlt().isBlank() ? null : new Image(f.imageUrl(), f.imageAlt()))
                    .build();
        } catch (ArticleValidationException e) {
            errors.putAll(e.errors());
            return null;
        }
    }
}
