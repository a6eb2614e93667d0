package io.bantin.server.web;

import io.bantin.server.ServerMetrics;
import io.bantin.server.security.Auth;
import io.bantin.visit.ClientAddresses;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.IpAddress;
import io.bantin.visit.VisitCounter;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a hit for a request: the client's IP as resolved behind trusted proxies only, its
 * User-Agent, the path and the article; a logged-in editor's own views are recorded as excluded.
 * Goes through {@link VisitCounter#record} only, which never touches the database. Thread-safe.
 */
public final class HitRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(HitRecorder.class);

    private final VisitCounter counter;
    private final ClientAddresses ips;
    private final Auth auth;
    private final ServerMetrics metrics;

    /**
     * Creates the recorder.
     *
     * @param counter the visit counter
     * @param ips client IP resolution
     * @param auth to recognize editors
     * @param metrics counts hits by outcome
     */
    public HitRecorder(VisitCounter counter, ClientAddresses ips, Auth auth, ServerMetrics metrics) {
        this.counter = counter;
        this.ips = ips;
        this.auth = auth;
        this.metrics = metrics;
    }

    /**
     * Records one hit.
     *
     * @param ctx the request
     * @param path the page's path
     * @param articleId the article's id, or 0 for none
     * @return what the counter did; {@link HitOutcome#EXCLUDED} when the request has no client address
     */
    public HitOutcome record(Context ctx, String path, long articleId) {
        String ua = ctx.userAgent();
        if (ua == null) {
            ua = "";
        } else if (ua.length() > Hit.MAX_USER_AGENT_LENGTH) {
            ua = ua.substring(0, Hit.MAX_USER_AGENT_LENGTH);
        }
        String ip = clientIp(ctx);
        if (IpAddress.parse(ip) == null) {
            // Only a socket without an IP peer (never TCP) gets here: count nothing rather than fail
            // the page.
            LOG.debug("event=hit_without_address path={}", path);
            metrics.hit(HitOutcome.EXCLUDED.name());
            return HitOutcome.EXCLUDED;
        }
        Hit hit = Hit.of(ip, ua, path);
        if (articleId > 0) {
            hit = hit.withArticle(articleId);
        }
        if (auth.session(ctx).isPresent() || isSpeculative(ctx)) {
            hit = hit.withExcluded(true);
        }
        HitOutcome outcome = counter.record(hit);
        metrics.hit(outcome.name());
        return outcome;
    }

    /**
     * Whether the request is a prefetch, a prerender or a preview: the browser or an app fetched the
     * page in case someone opens it, so nobody has read it (yet). Chrome sends {@code Sec-Purpose:
     * prefetch} (with {@code ;prerender}), older Chrome and Edge {@code Purpose: prefetch}, Safari
     * {@code X-Purpose: preview}, Firefox {@code X-Moz: prefetch}. A prefetched page that is then
     * shown does not report again; a missed view is the price of not counting the many that never are.
     */
    static boolean isSpeculative(Context ctx) {
        return marks(ctx.header("Sec-Purpose")) || marks(ctx.header("Purpose"))
                || marks(ctx.header("X-Purpose")) || marks(ctx.header("X-Moz"));
    }

    private static boolean marks(String value) {
        if (value == null) {
            return false;
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        return v.contains("prefetch") || v.contains("prerender") || v.contains("preview");
    }

    /** The client's IP for this request. */
    public String clientIp(Context ctx) {
        return ips.resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), ctx.header("Forwarded"));
    }
}
