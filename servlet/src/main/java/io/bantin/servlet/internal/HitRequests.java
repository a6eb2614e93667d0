package io.bantin.servlet.internal;

import io.bantin.visit.ClientAddresses;
import io.bantin.visit.Hit;
import io.bantin.visit.HitOutcome;
import io.bantin.visit.VisitCounter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a hit for a web request: the client's IP as resolved behind trusted proxies only, its
 * User-Agent, the path and the article; an editor's own views and speculative requests (prefetch,
 * prerender, preview) are recorded as excluded. Goes through {@link VisitCounter#record} only,
 * which never touches the database. The one place the server, the servlet filter and the Javalin
 * plugin build hits from requests. Thread-safe.
 */
public final class HitRequests {
    private static final Logger LOG = LoggerFactory.getLogger(HitRequests.class);

    private final VisitCounter counter;
    private final ClientAddresses addresses;
    private final Consumer<HitOutcome> outcomes;
    /** The first counting failure is a warning; the rest are debug lines, so a broken counter cannot flood the log. */
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Creates the recorder.
     *
     * @param counter the visit counter
     * @param addresses the client address rules
     * @param outcomes told each outcome (e.g. metrics by outcome); must not throw
     */
    public HitRequests(VisitCounter counter, ClientAddresses addresses, Consumer<HitOutcome> outcomes) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    /** The visit counter hits go to. */
    public VisitCounter counter() {
        return counter;
    }

    /**
     * Records one hit. Never throws: a counter that fails is logged (once as a warning, then at
     * debug level, never with a stack trace) and the request goes on.
     *
     * @param req the request
     * @param path the page's path
     * @param articleId the article's id, or 0 for none
     * @param editor whether the request comes from a logged-in editor, whose views are excluded;
     *     asked only for requests that reach the counter, and a failure of it is a counting failure
     * @return what the counter did; {@link HitOutcome#EXCLUDED} when the request has no client
     *     address; {@code null} when counting failed
     */
    public HitOutcome record(HttpServletRequest req, String path, long articleId, BooleanSupplier editor) {
        return record(req, path, articleId, req.getHeader("Referer"), editor);
    }

    /**
     * Records one hit with the page that linked to it given explicitly: for a reported hit, whose
     * own {@code Referer} is the reporting page, the page's {@code document.referrer}. Only the
     * referrer's host is kept, as the counter's referrer figure. Never throws, as
     * {@link #record(HttpServletRequest, String, long, BooleanSupplier)}.
     *
     * @param req the request
     * @param path the page's path
     * @param articleId the article's id, or 0 for none
     * @param referrer the referring URL, or {@code null} for none
     * @param editor whether the request comes from a logged-in editor
     * @return what the counter did, or {@code null} when counting failed
     */
    public HitOutcome record(HttpServletRequest req, String path, long articleId, String referrer,
                             BooleanSupplier editor) {
        try {
            HitOutcome outcome = count(req, path, articleId, referrer, editor);
            outcomes.accept(outcome);
            return outcome;
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("event=count_failed path={} error={} (further failures are logged at debug)", path, oneLine(e));
            } else {
                LOG.debug("event=count_failed path={} error={}", path, oneLine(e));
            }
            return null;
        }
    }

    private HitOutcome count(HttpServletRequest req, String path, long articleId, String referrer,
                             BooleanSupplier editor) {
        String ua = req.getHeader("User-Agent");
        if (ua == null) {
            ua = "";
        } else if (ua.length() > Hit.MAX_USER_AGENT_LENGTH) {
            ua = ua.substring(0, Hit.MAX_USER_AGENT_LENGTH);
        }
        Hit hit = Hit.of(clientIp(req), ua, path);
        if (!hit.hasAddress()) {
            // Only a socket without an IP peer (never TCP) gets here: count nothing rather than fail
            // the page.
            LOG.debug("event=hit_without_address path={}", path);
            return HitOutcome.EXCLUDED;
        }
        if (referrer != null && !referrer.isEmpty()) {
            // Cut rather than refuse, as the User-Agent is: the host is at the start.
            hit = hit.withReferrer(referrer.length() > Hit.MAX_REFERRER_LENGTH
                    ? referrer.substring(0, Hit.MAX_REFERRER_LENGTH) : referrer);
        }
        if (articleId > 0) {
            hit = hit.withArticle(articleId);
        }
        if (editor.getAsBoolean() || isSpeculative(req)) {
            hit = hit.withExcluded(true);
        }
        return counter.record(hit);
    }

    /** The client's IP for this request, by the trusted-proxy rules. */
    public String clientIp(HttpServletRequest req) {
        return clientIp(addresses, req);
    }

    /**
     * The client's IP for a request, by the given trusted-proxy rules. A forwarding header sent as
     * several lines is read as all of them, joined in order (RFC 9110, 5.3): a proxy that appends its
     * own line after one the client wrote must not leave the client's line to be read alone.
     */
    public static String clientIp(ClientAddresses addresses, HttpServletRequest req) {
        return addresses.resolve(req.getRemoteAddr(), allLines(req, "X-Forwarded-For"), allLines(req, "Forwarded"));
    }

    /** Every line of the header joined with commas, in the order received; null when there is none. */
    private static String allLines(HttpServletRequest req, String name) {
        java.util.Enumeration<String> lines = req.getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            all.append(',').append(lines.nextElement());
        }
        return all.toString();
    }

    /**
     * Whether the request is a prefetch, a prerender or a preview: the browser or an app fetched the
     * page in case someone opens it, so nobody has read it (yet). Chrome sends {@code Sec-Purpose:
     * prefetch} (with {@code ;prerender}), older Chrome and Edge {@code Purpose: prefetch}, Safari
     * {@code X-Purpose: preview}, Firefox {@code X-Moz: prefetch}. A prefetched page that is then
     * shown does not report again; a missed view is the price of not counting the many that never are.
     */
    public static boolean isSpeculative(HttpServletRequest req) {
        return marks(req.getHeader("Sec-Purpose")) || marks(req.getHeader("Purpose"))
                || marks(req.getHeader("X-Purpose")) || marks(req.getHeader("X-Moz"));
    }

    private static boolean marks(String value) {
        if (value == null) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return v.contains("prefetch") || v.contains("prerender") || v.contains("preview");
    }

    private static String oneLine(Throwable e) {
        return e.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
