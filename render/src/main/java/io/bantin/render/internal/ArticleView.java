package io.bantin.render.internal;

/**
 * What the article template shows, already formatted. Public only for the precompiled templates.
 *
 * @param lang the language code
 * @param title the headline (escaped by the template)
 * @param summary the lead, possibly empty
 * @param dateIso the machine-readable date for {@code <time datetime>}, or null
 * @param dateText the date as read, e.g. "Thứ Sáu, 27/11/2026 10:08", or null
 * @param imageUrl the featured image, or null
 * @param imageAlt its alternative text
 * @param body the sanitized body HTML (written unescaped)
 * @param authorName the signature's name, or null
 * @param authorPosition the signature's position, or null
 * @param sourceText the source, or null
 * @param sourceUrl the source's link, or null
 * @param viewsText the formatted view count
 * @param url the article's absolute address
 * @param toolbar the reader toolbar, or null to leave it out (print view)
 * @param labels the labels
 */
public record ArticleView(String lang, String title, String summary, String dateIso, String dateText,
                          String imageUrl, String imageAlt, String body, String authorName, String authorPosition,
                          String sourceText, String sourceUrl, String viewsText, String url, ToolbarView toolbar,
                          Labels labels) {
}
