package io.bantin.render;

import java.util.Locale;
import io.bantin.article.HtmlPolicy;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allow-list for article bodies. Stateless and thread-safe.
 *
 * <p>Kept: paragraphs, h2–h4, strong/em/b/i/u, lists, blockquote, links (http, https, mailto and
 * site-relative), images (http, https and site-relative {@code src}, {@code alt}), figure/figcaption,
 * simple tables (caption, thead/tbody/tfoot, tr, th/td with colspan/rowspan, th scope), br, hr.
 * Dropped: every other element (script, style, iframe, object, svg, form, …) with its script or style
 * content, every other attribute (style, class, id, on*), and any URL with another scheme
 * ({@code javascript:}, {@code data:}, {@code vbscript:}, …).
 *
 * <p>External links — those with a scheme or a host ({@code http://}, {@code https://}, {@code //}) —
 * get {@code rel="noopener noreferrer nofollow"}; the sanitizer knows no site address, so absolute
 * links to the site itself count as external too; editors link site pages with relative paths.
 */
public final class ArticleHtml {

    /** Relative URLs are resolved against this to check their scheme, then kept relative. */
    private static final String BASE = "https://bantin.invalid/";

    /** The rel of external links. */
    public static final String EXTERNAL_REL = "noopener noreferrer nofollow";

    private static final Safelist SAFELIST = new Safelist()
            .addTags("p", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "ul", "ol", "li",
                    "blockquote", "a", "img", "figure", "figcaption", "table", "caption", "thead",
                    "tbody", "tfoot", "tr", "th", "td", "br", "hr")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt")
            .addAttributes("th", "colspan", "rowspan", "scope")
            .addAttributes("td", "colspan", "rowspan")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .preserveRelativeLinks(true);

    private static final HtmlPolicy POLICY = new HtmlPolicy() {
        @Override
        public String sanitize(String html) {
            return ArticleHtml.sanitize(html);
        }

        @Override
        public String text(String html) {
            return Jsoup.parseBodyFragment(html).text();
        }
    };

    private ArticleHtml() {
    }

    /**
     * This allow-list as the {@link HtmlPolicy} an {@code ArticleRepository} saves with: bodies are
     * cleaned by {@link #sanitize(String)} and searched by the text a reader sees.
     *
     * @return the policy, shared and thread-safe
     */
    public static HtmlPolicy policy() {
        return POLICY;
    }

    /**
     * Cleans untrusted HTML down to the allow-list above. Idempotent: sanitizing the output again
     * gives the same output.
     *
     * @param html the untrusted HTML fragment
     * @return safe HTML, possibly empty
     * @throws NullPointerException if {@code html} is null
     */
    public static String sanitize(String html) {
        Objects.requireNonNull(html, "html");
        Document dirty = Jsoup.parseBodyFragment(html, BASE);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        for (Element e : clean.body().select("a[href], img[src]")) {
            String attr = e.nameIs("a") ? "href" : "src";
            if (!isPlainUrl(e.attr(attr))) {
                e.removeAttr(attr);
            }
        }
        for (Element a : clean.body().select("a[href]")) {
            if (isExternal(a.attr("href"))) {
                a.attr("rel", EXTERNAL_REL);
            }
        }
        for (Element cell : clean.body().select("th[colspan], th[rowspan], td[colspan], td[rowspan]")) {
            keepSmallNumber(cell, "colspan");
            keepSmallNumber(cell, "rowspan");
        }
        clean.outputSettings()
                .prettyPrint(false)
                .charset("UTF-8")
                .escapeMode(Entities.EscapeMode.base);
        return clean.body().html();
    }

    /**
     * Jsoup has checked the scheme of absolute URLs; this also refuses relative ones a browser could
     * read differently from us: the first segment of a relative reference must not hold a colon
     * (RFC 3986 §4.2), and odd leading characters (backtick, quotes, controls) are refused outright.
     */
    private static boolean isPlainUrl(String url) {
        if (url.isEmpty()) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
            return true;
        }
        char first = url.charAt(0);
        boolean sane = Character.isLetterOrDigit(first) || "/#?.%_~-".indexOf(first) >= 0;
        int end = url.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return sane && url.substring(0, end).indexOf(':') < 0;
    }

    private static boolean isExternal(String href) {
        String h = href.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("http:") || h.startsWith("https:") || h.startsWith("//");
    }

    private static void keepSmallNumber(Element cell, String attr) {
        if (!cell.hasAttr(attr)) {
            return;
        }
        String v = cell.attr(attr).strip();
        if (!v.matches("[1-9][0-9]?")) {
            cell.removeAttr(attr);
        } else {
            cell.attr(attr, v);
        }
    }
}
