package io.bantin.render;

import io.bantin.article.internal.Text;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a site renders: its language, time zone, name and address, where the reader assets are
 * served, how numbers are grouped and which rows the stats box shows. Immutable and thread-safe.
 *
 * <p>Articles live at {@code baseUrl + articlePath + slug} (by default {@code /articles/slug}) and
 * their print view at that address plus {@code "/print"} (see {@link ArticleRenderer#articleUrl}).
 *
 * @param locale Vietnamese (default) or English; only the language is used
 * @param zone the site's zone for dates, e.g. Asia/Ho_Chi_Minh
 * @param siteName the portal's name, e.g. in the page title and feeds
 * @param baseUrl the site's absolute http(s) address without a trailing "/", e.g. "https://example.gov.vn"
 * @param assetPath the URL prefix where {@link ReaderAssets} are served, without a trailing "/"
 * @param groupingSeparator the digit grouping separator, or null for the locale's ("." in Vietnamese)
 * @param statsRows the rows the stats box shows, unmodifiable, in {@link StatsRow} order
 * @param articlePath the path under {@code baseUrl} where articles live, followed by the slug; starts
 *     and ends with "/", e.g. "/articles/" (default) or "/bai-viet/"
 */
public record RenderOptions(Locale locale, ZoneId zone, String siteName, String baseUrl, String assetPath,
                            Character groupingSeparator, Set<StatsRow> statsRows, String articlePath) {

    /** The default path under {@code baseUrl} where articles live, followed by the slug. */
    public static final String DEFAULT_ARTICLE_PATH = "/articles/";

    /** An absolute path that starts and ends with "/", so that {@code articlePath + slug} is a path. */
    private static final java.util.regex.Pattern ARTICLE_PATH = java.util.regex.Pattern.compile("/([A-Za-z0-9._~-]+/)*");

    /** A site path or a relative one (a page saved to disk); no scheme, so never {@code javascript:}. */
    private static final java.util.regex.Pattern PLAIN_PATH = java.util.regex.Pattern.compile("[A-Za-z0-9._~/-]+");

    /**
     * Validates and normalizes; prefer {@link #builder()}.
     *
     * @throws NullPointerException if a value other than {@code groupingSeparator} is null
     * @throws IllegalArgumentException if the language is not vi or en, {@code baseUrl} is not an
     *     absolute http(s) URL, {@code assetPath} is neither a plain path nor an http(s) URL, {@code siteName} is blank,
     *     or the separator is a digit
     */
    public RenderOptions {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(assetPath, "assetPath");
        Objects.requireNonNull(statsRows, "statsRows");
        Objects.requireNonNull(articlePath, "articlePath");
        if (!ARTICLE_PATH.matcher(articlePath).matches()) {
            throw new IllegalArgumentException("articlePath: a path that starts and ends with \"/\" (letters, digits, . _ ~ -) expected, was \"" + articlePath + "\"");
        }
        if (!locale.getLanguage().equals("vi") && !locale.getLanguage().equals("en")) {
            throw new IllegalArgumentException("locale: vi or en expected, was " + locale);
        }
        siteName = siteName.strip();
        if (siteName.isEmpty()) {
            throw new IllegalArgumentException("siteName: required");
        }
        baseUrl = stripTrailingSlashes(baseUrl.strip());
        if (!Text.isHttpUrl(baseUrl)) {
            throw new IllegalArgumentException("baseUrl: an absolute http or https URL expected, was \"" + baseUrl + "\"");
        }
        assetPath = stripTrailingSlashes(assetPath.strip());
        if (!Text.isHttpUrl(assetPath) && !PLAIN_PATH.matcher(assetPath).matches()) {
            throw new IllegalArgumentException("assetPath: a path (letters, digits, / . _ ~ -) or an http(s) URL expected, was \"" + assetPath + "\"");
        }
        if (groupingSeparator != null && (Character.isDigit(groupingSeparator) || Character.isISOControl(groupingSeparator))) {
            throw new IllegalArgumentException("groupingSeparator: must not be a digit or control character, was '" + groupingSeparator + "'");
        }
        statsRows = statsRows.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(StatsRow.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(statsRows));
    }

    private static String stripTrailingSlashes(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /**
     * A builder with the defaults: Vietnamese, Asia/Ho_Chi_Minh, site name "bantin",
     * base URL http://127.0.0.1:7070, assets at /assets/bantin, the locale's grouping, all stats rows.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects options; each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private Locale locale;
        private ZoneId zone;
        private String siteName;
        private String baseUrl;
        private String assetPath;
        private Character groupingSeparator;
        private boolean groupingSet;
        private Set<StatsRow> statsRows;
        private String articlePath;

        private Builder() {
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + ": already set");
            }
        }

        /**
         * Sets the language: {@code Locale.forLanguageTag("vi")} (default) or {@link Locale#ENGLISH}.
         *
         * @param locale the locale
         * @return this builder
         */
        public Builder locale(Locale locale) {
            once(this.locale, "locale");
            this.locale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /**
         * Sets the site's zone for dates (default Asia/Ho_Chi_Minh).
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            once(this.zone, "zone");
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Sets the portal's name.
         *
         * @param siteName the name
         * @return this builder
         */
        public Builder siteName(String siteName) {
            once(this.siteName, "siteName");
            this.siteName = Objects.requireNonNull(siteName, "siteName");
            return this;
        }

        /**
         * Sets the site's absolute address, e.g. "https://example.gov.vn".
         *
         * @param baseUrl the address
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            once(this.baseUrl, "baseUrl");
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Sets where the reader assets are served (default "/assets/bantin").
         *
         * @param assetPath a path such as "/assets/bantin" (or relative, e.g. "assets" for a page saved
         *     to disk) or an http(s) URL
         * @return this builder
         */
        public Builder assetPath(String assetPath) {
            once(this.assetPath, "assetPath");
            this.assetPath = Objects.requireNonNull(assetPath, "assetPath");
            return this;
        }

        /**
         * Sets the digit grouping separator, e.g. ' ' for "12 165"; null keeps the locale's.
         *
         * @param separator the separator, or null
         * @return this builder
         */
        public Builder groupingSeparator(Character separator) {
            if (groupingSet) {
                throw new IllegalStateException("groupingSeparator: already set");
            }
            groupingSet = true;
            this.groupingSeparator = separator;
            return this;
        }

        /**
         * Sets the rows the stats box shows (default all); they always appear in {@link StatsRow} order.
         *
         * @param rows the rows, possibly empty
         * @return this builder
         */
        public Builder statsRows(Collection<StatsRow> rows) {
            once(this.statsRows, "statsRows");
            Objects.requireNonNull(rows, "statsRows");
            this.statsRows = rows.isEmpty() ? EnumSet.noneOf(StatsRow.class) : EnumSet.copyOf(rows);
            return this;
        }

        /**
         * Sets the rows the stats box shows.
         *
         * @param rows the rows
         * @return this builder
         */
        public Builder statsRows(StatsRow... rows) {
            return statsRows(java.util.Arrays.asList(rows));
        }

        /**
         * Sets the path under the base URL where articles live (default "/articles/").
         *
         * @param articlePath a path that starts and ends with "/", e.g. "/bai-viet/"
         * @return this builder
         */
        public Builder articlePath(String articlePath) {
            once(this.articlePath, "articlePath");
            this.articlePath = Objects.requireNonNull(articlePath, "articlePath");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if a value is invalid (the message names it)
         */
        public RenderOptions build() {
            return new RenderOptions(
                    locale == null ? Locale.forLanguageTag("vi") : locale,
                    zone == null ? ZoneId.of("Asia/Ho_Chi_Minh") : zone,
                    siteName == null ? "bantin" : siteName,
                    baseUrl == null ? "http://127.0.0.1:7070" : baseUrl,
                    assetPath == null ? "/assets/bantin" : assetPath,
                    groupingSeparator,
                    statsRows == null ? EnumSet.allOf(StatsRow.class) : statsRows,
                    articlePath == null ? DEFAULT_ARTICLE_PATH : articlePath);
        }
    }
}
