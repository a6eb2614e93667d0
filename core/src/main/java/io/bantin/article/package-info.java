/**
 * Articles of a news or government portal: the immutable {@link io.bantin.article.Article} value,
 * its validation, Vietnamese-aware {@link io.bantin.article.Slugs}, the HTML allow-list
 * (bantin-render's {@code io.bantin.render.ArticleHtml}) and the {@link io.bantin.article.ArticleRepository} with an
 * in-memory implementation. The SQL implementation lives in {@code io.bantin.store}.
 */
package io.bantin.article;
