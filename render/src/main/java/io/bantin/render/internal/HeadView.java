package io.bantin.render.internal;

import java.util.List;

/**
 * What the head-tags template shows. Public only for the precompiled templates.
 *
 * @param title the document title
 * @param headline the article's title
 * @param description the meta description
 * @param url the canonical address
 * @param siteName the site's name
 * @param ogLocale e.g. vi_VN
 * @param imageUrl the image or null
 * @param imageAlt its alt text or null
 * @param publishedIso ISO-8601 publication time or null
 * @param modifiedIso ISO-8601 modification time or null
 * @param section the category or null
 * @param tags the tags
 * @param twitterCard summary or summary_large_image
 * @param jsonLd the JSON-LD document, already escaped for a script element
 */
public record HeadView(String title, String headline, String description, String url, String siteName,
                       String ogLocale, String imageUrl, String imageAlt, String publishedIso, String modifiedIso,
                       String section, List<String> tags, String twitterCard, String jsonLd) {
}
