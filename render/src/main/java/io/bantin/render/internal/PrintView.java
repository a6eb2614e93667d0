package io.bantin.render.internal;

/**
 * What the print page template shows. Public only for the precompiled templates.
 *
 * @param lang the language code
 * @param title the document title
 * @param siteName the site's name
 * @param assets the reader assets
 * @param article the article, without toolbar
 * @param labels the labels
 */
public record PrintView(String lang, String title, String siteName, AssetsView assets, ArticleView article,
                        Labels labels) {
}
