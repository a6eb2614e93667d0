/**
 * The articles as routes see them: the in-memory index of slugs and versions, the lookups and
 * writes that keep it current, and the JSON API ({@code /api/articles}) with each article's views
 * added from the counter. Depends on {@code http} and {@code security}.
 */
package io.bantin.server.articles;
