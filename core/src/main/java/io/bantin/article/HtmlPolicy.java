package io.bantin.article;

/**
 * What an {@link ArticleRepository} does with an article's HTML body: it cleans the body before
 * storing it and searches the body's text. bantin-render's {@code io.bantin.render.ArticleHtml.policy()}
 * is the allow-list bantin uses; the core has no HTML parser of its own, so a repository always gets
 * its policy from the application. Implementations must be thread-safe.
 */
public interface HtmlPolicy {

    /**
     * Cleans untrusted HTML into what may be stored and shown. Must be idempotent: cleaning the output
     * again gives the same output.
     *
     * @param html the untrusted HTML fragment, never null
     * @return safe HTML, possibly empty
     */
    String sanitize(String html);

    /**
     * The text a reader sees in a (cleaned) body, for search.
     *
     * @param html a body as returned by {@link #sanitize(String)}
     * @return its text, without markup
     */
    String text(String html);
}
