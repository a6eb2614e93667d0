/**
 * The public pages: the shared layout and templates, the listings, the article page (looked up,
 * counted, then rendered with the figures passed in, for anonymous readers from a cache of the
 * cut page), its print view, the feed and the sitemaps. Depends on {@code http}, {@code security},
 * {@code articles} and {@code counting}.
 */
package io.bantin.server.pages;
