package io.bantin.render;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a sitemap index ({@link ArticleRenderer#sitemapIndex}): a sitemap's address and when
 * it last changed.
 *
 * @param url the sitemap's absolute address
 * @param lastModified the newest last modification time of its URLs, or {@code null} if unknown
 */
public record SitemapLink(String url, Instant lastModified) {

    /**
     * Validates.
     *
     * @throws NullPointerException if {@code url} is null
     */
    public SitemapLink {
        Objects.requireNonNull(url, "url");
    }
}
