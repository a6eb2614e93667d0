package io.bantin.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.render.internal.ArticleView;
import io.bantin.render.internal.AssetsView;
import io.bantin.render.internal.Feeds;
import io.bantin.render.internal.HeadView;
import io.bantin.render.internal.JsonLd;
import io.bantin.render.internal.Labels;
import io.bantin.render.internal.PrintView;
import io.bantin.render.internal.RssFeed;
import io.bantin.render.internal.StatsView;
import io.bantin.render.internal.ToolbarView;
import io.bantin.visit.VisitStats;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jsoup.Jsoup;

/**
 * Renders articles as HTML fragments, whole print pages, head metadata and feeds, from precompiled
 * jte templates with contextual escaping. Create one per site and share it: it is immutable and
 * thread-safe.
 *
 * <p>The body is written as HTML: the renderer sanitizes it with {@link ArticleHtml#sanitize(String)}
 * (memoized, so bodies from a repository, already sanitized, cost one lookup), so even an article
 * built by hand cannot inject script.
 */
public final class ArticleRenderer {

    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final int SITEMAP_LIMIT = 50_000;
    private static final int DESCRIPTION_LENGTH = 160;
    private static final long SANITIZED_CACHE_CHARS = 8_000_000;

    private final RenderOptions options;
    private final Labels labels;
    private final TemplateEngine engine;
    private final char grouping;
    private final DateTimeFormatter dateFormat;
    private final AssetsView assets;
    private final Cache<String, String> sanitized;
    private final String lang;

    /**
     * Creates a renderer.
     *
     * @param options the site's options
     * @throws NullPointerException if {@code options} is null
     */
    public ArticleRenderer(RenderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.labels = new Labels(options.locale());
        this.lang = labels.get("lang");
        this.engine = TemplateEngine.createPrecompiled(ContentType.Html);
        this.grouping = options.groupingSeparator() != null
                ? options.groupingSeparator()
                : DecimalFormatSymbols.getInstance(options.locale()).getGroupingSeparator();
        this.dateFormat = DateTimeFormatter.ofPattern(labels.get("date.pattern"),
                lang.equals("en") ? Locale.ENGLISH : options.locale());
        String v = "?v=" + ReaderAssets.version();
        String base = options.assetPath() + "/";
        this.assets = new AssetsView(base + "reader.css" + v, base + "print.css" + v, base + "prefs.js" + v,
                base + "reader.js" + v);
        // Bounded by characters, not entries: a body may be up to a million characters.
        this.sanitized = Caffeine.newBuilder()
                .maximumWeight(SANITIZED_CACHE_CHARS)
                .<String, String>weigher((raw, clean) -> raw.length() + clean.length())
                .build();
    }

    /**
     * The options this renderer was created with.
     *
     * @return the options
     */
    public RenderOptions options() {
        return options;
    }

    /**
     * The article's absolute address: {@code baseUrl + articlePath + slug}.
     *
     * @param a the article, with a slug
     * @return the address
     */
    public String articleUrl(Article a) {
        return options.baseUrl() + options.articlePath() + a.slug();
    }

    /**
     * The print view's absolute address: the article's address plus {@code "/print"}.
     *
     * @param a the article, with a slug
     * @return the address
     */
    public String printUrl(Article a) {
        return articleUrl(a) + "/print";
    }

    /**
     * The article as a fragment: title, date line in the site's zone, reader toolbar, summary, image,
     * body, signature (name, then position), "Nguồn: …" line and "Lượt xem" with the given count.
     * The count is the caller's figure (from its counter), not part of the article.
     *
     * @param a the article
     * @param views the article's view count to show, 0 or more
     * @return an {@code <article>} element
     * @throws IllegalArgumentException if {@code views} is negative
     */
    public String articleFragment(Article a, long views) {
        return render("bantin/article.jte", view(a, views, true));
    }

    /**
     * The reader toolbar alone: A+ / A / A-, the contrast toggle and "In bài viết".
     *
     * @param a the article whose print view the toolbar opens
     * @return a toolbar element
     */
    public String readerToolbar(Article a) {
        return render("bantin/toolbar.jte", new ToolbarView(printUrl(a), labels));
    }

    /**
     * The "Thống kê truy cập" box with the configured rows, numbers grouped per the options.
     *
     * @param stats a snapshot from the visit counter
     * @return a section element
     */
    public String statsBox(VisitStats stats) {
        Objects.requireNonNull(stats, "stats");
        Map<StatsRow, Long> values = new EnumMap<>(StatsRow.class);
        values.put(StatsRow.ONLINE, stats.online());
        values.put(StatsRow.TODAY, stats.today());
        values.put(StatsRow.YESTERDAY, stats.yesterday());
        values.put(StatsRow.THIS_WEEK, stats.thisWeek());
        values.put(StatsRow.THIS_MONTH, stats.thisMonth());
        values.put(StatsRow.TOTAL, stats.total());
        return statsBox(values);
    }

    private String statsBox(Map<StatsRow, Long> values) {
        List<StatsView.Row> rows = new ArrayList<>(options.statsRows().size());
        for (StatsRow row : options.statsRows()) {
            rows.add(new StatsView.Row(row.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    labels.get("stats." + row.name()), formatNumber(values.getOrDefault(row, 0L))));
        }
        return render("bantin/stats.jte", new StatsView(labels.get("stats.heading"), rows));
    }

    /**
     * The tags for the page's {@code <head>}: title, meta description, canonical URL, Open Graph,
     * Twitter card and a schema.org {@code NewsArticle} as JSON-LD (author as a Person with jobTitle,
     * the source as isBasedOn), escaped so that no value can end the script element.
     *
     * @param a the article
     * @return head elements
     */
    public String headTags(Article a) {
        String url = articleUrl(a);
        String description = description(a);
        String published = iso(a.publishedAt());
        String modified = iso(a.updatedAt() != null ? a.updatedAt() : a.publishedAt());
        HeadView head = new HeadView(a.title() + " - " + options.siteName(), a.title(), description, url,
                options.siteName(), labels.get("ogLocale"),
                a.image() == null ? null : a.image().url(), a.image() == null ? null : a.image().alt(),
                published, modified, a.category(), a.tags(),
                a.image() == null ? "summary" : "summary_large_image",
                JsonLd.write(newsArticle(a, url, description, published, modified)));
        return render("bantin/head.jte", head);
    }

    /**
     * The link and script tags that load the reader assets, for the page's {@code <head>}; no inline
     * script or style.
     *
     * @return head elements
     */
    public String headAssets() {
        return render("bantin/assets.jte", assets);
    }

    /**
     * A whole HTML document with the article alone, for printing: no toolbar or site navigation, a
     * "print this page" button and a link back, the source, the view count and the article's
     * address printed.
     *
     * @param a the article
     * @param views the article's view count to show, 0 or more
     * @return an HTML document
     * @throws IllegalArgumentException if {@code views} is negative
     */
    public String printPage(Article a, long views) {
        return render("bantin/print.jte", new PrintView(lang, a.title() + " - " + options.siteName(),
                options.siteName(), assets, view(a, views, false), labels));
    }

    /**
     * An RSS 2.0 feed of the given articles, in the given order (pass the latest published ones).
     * Every text field (titles, description, category, author) is plain text escaped as HTML and then
     * as XML, so no text becomes a tag in a reader that renders the fields as HTML; the description is
     * the summary, or the start of the body's text when there is none, never the body's markup.
     *
     * @param latest the articles
     * @return the feed as XML
     */
    public String rss(List<Article> latest) {
        Objects.requireNonNull(latest, "latest");
        RssFeed feed = new RssFeed(options.siteName(), options.baseUrl() + "/",
                labels.format("feed.description", options.siteName()), lang);
        latest.stream().map(a -> a.updatedAt() != null ? a.updatedAt() : a.publishedAt())
                .filter(Objects::nonNull).max(Instant::compareTo)
                .ifPresent(feed::lastBuildDate);
        for (Article a : latest) {
            feed.item(a.title(), articleUrl(a), a.publishedAt(), description(a),
                    a.author() == null ? null : a.author().name(), a.category());
        }
        return feed.finish();
    }

    /**
     * A sitemap.xml of the given articles with their last modification time.
     *
     * @param all the articles (pass the public ones)
     * @return the sitemap as XML
     * @throws IllegalArgumentException if there are more than 50,000 articles (the sitemap limit)
     */
    public String sitemap(List<Article> all) {
        Objects.requireNonNull(all, "all");
        return urlset(all.size(), i -> all.get(i).slug(),
                i -> all.get(i).updatedAt() != null ? all.get(i).updatedAt() : all.get(i).publishedAt());
    }

    /**
     * A sitemap.xml of the given article keys: the address of each and its last modification time
     * ({@code updatedAt}). Needs no article text, so a caller can list 50,000 articles cheaply.
     *
     * @param keys the articles' keys (pass the public ones)
     * @return the sitemap as XML
     * @throws IllegalArgumentException if there are more than 50,000 keys (the sitemap limit)
     */
    public String sitemapOfKeys(List<ArticleKey> keys) {
        Objects.requireNonNull(keys, "keys");
        return urlset(keys.size(), i -> keys.get(i).slug(), i -> keys.get(i).updatedAt());
    }

    /**
     * A sitemap index: the addresses of sitemaps with their last modification times, for a site with
     * more URLs than one sitemap may hold.
     *
     * @param sitemaps each sitemap's absolute address and last modification time (may be null)
     * @return the sitemap index as XML
     * @throws IllegalArgumentException if there are more than 50,000 sitemaps (the index's limit)
     */
    public String sitemapIndex(List<SitemapLink> sitemaps) {
        Objects.requireNonNull(sitemaps, "sitemaps");
        if (sitemaps.size() > SITEMAP_LIMIT) {
            throw new IllegalArgumentException("sitemaps: a sitemap index holds at most 50000 sitemaps, got "
                    + sitemaps.size());
        }
        return sitemapDocument("sitemapindex", "sitemap", sitemaps.size(), i -> sitemaps.get(i).url(),
                i -> sitemaps.get(i).lastModified());
    }

    private String urlset(int size, IntFunction<String> slug, IntFunction<Instant> modified) {
        if (size > SITEMAP_LIMIT) {
            throw new IllegalArgumentException("all: a sitemap holds at most 50000 URLs, got " + size);
        }
        String prefix = options.baseUrl() + options.articlePath();
        return sitemapDocument("urlset", "url", size, i -> prefix + slug.apply(i), modified);
    }

    private String sitemapDocument(String root, String entry, int size, IntFunction<String> loc,
                                   IntFunction<Instant> modified) {
        try (Feeds feed = new Feeds()) {
            XMLStreamWriter xml = feed.xml();
            xml.setDefaultNamespace(SITEMAP_NS);
            xml.writeStartElement(SITEMAP_NS, root);
            xml.writeDefaultNamespace(SITEMAP_NS);
            for (int i = 0; i < size; i++) {
                xml.writeStartElement(SITEMAP_NS, entry);
                xml.writeStartElement(SITEMAP_NS, "loc");
                xml.writeCharacters(loc.apply(i));
                xml.writeEndElement();
                Instant lastModified = modified.apply(i);
                if (lastModified != null) {
                    xml.writeStartElement(SITEMAP_NS, "lastmod");
                    xml.writeCharacters(iso(lastModified));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            return feed.finish();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
    }

    private ArticleView view(Article a, long views, boolean withToolbar) {
        if (views < 0) {
            throw new IllegalArgumentException("views: 0 or more, got " + views);
        }
        Instant shown = a.publishedAt() != null ? a.publishedAt() : a.updatedAt();
        String body = sanitized.get(a.body(), ArticleHtml::sanitize);
        return new ArticleView(lang, a.title(), a.summary(), iso(shown), shown == null ? null : dateText(shown),
                a.image() == null ? null : a.image().url(), a.image() == null ? null : a.image().alt(),
                body,
                a.author() == null ? null : a.author().name(), a.author() == null ? null : a.author().position(),
                a.source() == null ? null : a.source().text(), a.source() == null ? null : a.source().url(),
                formatNumber(views), articleUrl(a),
                withToolbar ? new ToolbarView(printUrl(a), labels) : null, labels);
    }

    private String dateText(Instant instant) {
        ZonedDateTime t = instant.atZone(options.zone());
        return labels.format("date.format", labels.get("day." + t.getDayOfWeek().getValue()), dateFormat.format(t));
    }

    private String iso(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(options.zone()).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Groups digits by three with the site's separator; by hand, as DecimalFormat is not thread-safe. */
    String formatNumber(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            out.append(grouping).append(digits, i, i + 3);
        }
        return out.toString();
    }

    private String description(Article a) {
        String text = a.summary().isEmpty() ? Jsoup.parseBodyFragment(a.body()).text() : a.summary();
        if (text.length() <= DESCRIPTION_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        return text.substring(0, cut > 0 ? cut : DESCRIPTION_LENGTH - 1).strip() + "…";
    }

    private ObjectNode newsArticle(Article a, String url, String description, String published, String modified) {
        ObjectNode doc = JsonLd.object();
        doc.put("@context", "https://schema.org");
        doc.put("@type", "NewsArticle");
        doc.put("headline", a.title());
        doc.put("description", description);
        doc.put("url", url);
        doc.putObject("mainEntityOfPage").put("@type", "WebPage").put("@id", url);
        doc.put("inLanguage", lang);
        if (published != null) {
            doc.put("datePublished", published);
        }
        if (modified != null) {
            doc.put("dateModified", modified);
        }
        if (a.image() != null) {
            ArrayNode images = doc.putArray("image");
            images.add(a.image().url());
        }
        if (a.category() != null) {
            doc.put("articleSection", a.category());
        }
        if (!a.tags().isEmpty()) {
            doc.put("keywords", String.join(", ", a.tags()));
        }
        if (a.author() != null) {
            ObjectNode author = doc.putObject("author").put("@type", "Person").put("name", a.author().name());
            if (a.author().position() != null) {
                author.put("jobTitle", a.author().position());
            }
        }
        doc.putObject("publisher").put("@type", "Organization").put("name", options.siteName())
                .put("url", options.baseUrl() + "/");
        if (a.source() != null) {
            ObjectNode source = doc.putObject("isBasedOn").put("@type", "CreativeWork").put("name", a.source().text());
            if (a.source().url() != null) {
                source.put("url", a.source().url());
            }
        }
        return doc;
    }

    private String render(String template, Object model) {
        StringOutput out = new StringOutput(8192);
        engine.render(template, model, out);
        return out.toString();
    }
}
