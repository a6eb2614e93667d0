package io.bantin.server.pages;

import io.bantin.article.Slugs;
import io.bantin.render.ArticleRenderer;
import io.bantin.server.articles.ArticleLookup;
import io.bantin.server.http.AssetBundle;
import io.bantin.server.security.Auth;
import io.bantin.server.security.Session;
import io.bantin.visit.VisitCounter;
import io.bantin.visit.VisitStats;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every page shares: the layout (site name, category navigation, the stats box rendered on
 * the server, asset links, the editor's session) and the templates. The core's renderer is bound
 * once the public base URL is known (after the port is, for port 0). Thread-safe.
 */
public final class Portal {
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final String siteName;
    private final ZoneId zone;
    private final ArticleLookup articles;
    private final VisitCounter counter;
    private final AssetBundle siteAssets;
    private final Auth auth;
    private final Templates templates;
    private volatile ArticleRenderer renderer;
    /** The last stats box rendered, reused while the figures it shows are unchanged. */
    private volatile StatsBox lastStatsBox;

    /**
     * Creates the shared page context.
     *
     * @param siteName the portal's name
     * @param zone the site's zone for dates
     * @param articles article lookups (categories)
     * @param counter for the stats box
     * @param siteAssets the server's CSS and JS
     * @param auth the editor's session
     * @param templates the server's templates
     */
    public Portal(String siteName, ZoneId zone, ArticleLookup articles, VisitCounter counter, AssetBundle siteAssets,
                  Auth auth, Templates templates) {
        this.siteName = siteName;
        this.zone = zone;
        this.articles = articles;
        this.counter = counter;
        this.siteAssets = siteAssets;
        this.auth = auth;
        this.templates = templates;
    }

    /** Binds the core renderer; called once at start. */
    public void bind(ArticleRenderer articleRenderer) {
        this.renderer = articleRenderer;
    }

    /**
     * The core renderer.
     *
     * @throws IllegalStateException before {@link #bind}
     */
    public ArticleRenderer renderer() {
        ArticleRenderer r = renderer;
        if (r == null) {
            throw new IllegalStateException("renderer not bound yet");
        }
        return r;
    }

    /** The site's name. */
    public String siteName() {
        return siteName;
    }

    /**
     * The layout of a page.
     *
     * @param ctx the request, or {@code null} for a page rendered for anonymous readers in general
     * @param title page title (used when {@code headHtml} has none)
     * @param headHtml trusted extra head tags, or empty
     * @param currentHref the nav link to mark current, or {@code null}
     * @param noindex whether to ask search engines to skip it
     */
    public PageLayout layout(Context ctx, String title, String headHtml, String currentHref, boolean noindex) {
        List<PageLayout.NavLink> nav = new ArrayList<>();
        for (String category : articles.categories()) {
            String href = "/categories/" + Slugs.slugify(category);
            nav.add(new PageLayout.NavLink(category, href, href.equals(currentHref)));
        }
        Optional<Session> session = ctx == null ? Optional.empty() : auth.session(ctx);
        ArticleRenderer r = renderer();
        return new PageLayout(siteName, title, headHtml == null ? "" : headHtml, r.headAssets(),
                siteAssets.url("site.css"), siteAssets.url("site.js"), nav, statsBox(r).html,
                session.isPresent(), session.map(Session::csrfToken).orElse(""), noindex);
    }

    /** Whether an editor is logged in on this request. */
    public boolean editor(Context ctx) {
        return auth.session(ctx).isPresent();
    }

    /** The stats box as of now, as UTF-8. */
    public byte[] statsBoxUtf8() {
        return statsBox(renderer()).utf8;
    }

    /**
     * The stats box for the current figures. It shows only six of them, which change far less often
     * than pages are served, so the last rendering is reused (as HTML and as UTF-8) while they are
     * the same: the same figures render the same box, so what is sent does not change.
     */
    private StatsBox statsBox(ArticleRenderer r) {
        VisitStats s = counter.stats();
        StatsBox last = lastStatsBox;
        if (last != null && last.shows(r, s)) {
            return last;
        }
        String html = r.statsBox(s);
        StatsBox box = new StatsBox(r, s.online(), s.today(), s.yesterday(), s.thisWeek(), s.thisMonth(), s.total(),
                html, html.getBytes(StandardCharsets.UTF_8));
        lastStatsBox = box;
        return box;
    }

    /** A rendered stats box and the figures it shows. */
    private record StatsBox(ArticleRenderer renderer, long online, long today, long yesterday, long thisWeek,
                            long thisMonth, long total, String html, byte[] utf8) {
        boolean shows(ArticleRenderer r, VisitStats s) {
            return renderer == r && online == s.online() && today == s.today() && yesterday == s.yesterday()
                    && thisWeek == s.thisWeek() && thisMonth == s.thisMonth() && total == s.total();
        }
    }

    /** Renders one of the server's templates. */
    public String render(String template, Map<String, Object> params) {
        return templates.render(template, params);
    }

    /** The friendly HTML error page (404 or 500) for page routes. */
    public String errorPage(Context ctx, int status) {
        String heading = status == 404 ? "Không tìm thấy trang" : "Đã có lỗi xảy ra";
        String message = status == 404
                ? "Trang bạn tìm không tồn tại hoặc đã được gỡ xuống."
                : "Hệ thống đang gặp sự cố. Xin vui lòng thử lại sau ít phút.";
        return templates.render("error.jte", Map.of("layout", layout(ctx, heading, "", null, true),
                "status", status, "heading", heading, "message", message));
    }

    /** A date and time in the site's zone, e.g. {@code 27/11/2026 10:08}. */
    public String display(Instant instant) {
        return instant == null ? "" : DISPLAY.format(instant.atZone(zone));
    }

    /** A date in the site's zone, e.g. {@code 27/11/2026}. */
    public String day(java.time.LocalDate date) {
        return DAY.format(date);
    }

    /** The site's zone. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Sends an HTML page as UTF-8 and says so: {@code ctx.html()} declares only "text/html", which leaves
     * the charset to sniffing.
     *
     * @param ctx the request
     * @param html the page
     */
    public static void sendHtml(io.javalin.http.Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }
}
