package io.bantin.server.articles;

import com.fasterxml.jackson.databind.JsonNode;
import io.bantin.article.Article;
import io.bantin.article.ArticleValidationException;
import io.bantin.article.Author;
import io.bantin.article.Image;
import io.bantin.article.Source;
import io.bantin.article.Status;
import io.bantin.server.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The article's JSON shape, exactly as the API promises:
 * {@code {"id","slug","title","summary","body","author":{"name","position"},"source":{"text","url"},
 * "category","tags","status","publishedAt","updatedAt","image":{"url","alt"},"views"}}, with
 * instants as ISO-8601 strings and the status in lower case.
 *
 * @param id id
 * @param slug slug
 * @param title title
 * @param summary summary
 * @param body sanitized HTML body
 * @param author author or {@code null}
 * @param source source or {@code null}
 * @param category category or {@code null}
 * @param tags tags
 * @param status {@code draft}, {@code scheduled}, {@code published} or {@code archived}
 * @param publishedAt ISO instant or {@code null}
 * @param updatedAt ISO instant or {@code null}
 * @param image image or {@code null}
 * @param views all-time views
 */
public record ArticleJson(long id, String slug, String title, String summary, String body, AuthorJson author,
                          SourceJson source, String category, List<String> tags, String status, String publishedAt,
                          String updatedAt, ImageJson image, long views) {

    /** The author object. */
    public record AuthorJson(String name, String position) {
    }

    /** The source object; {@code url} may be {@code null}. */
    public record SourceJson(String text, String url) {
    }

    /** The image object. */
    public record ImageJson(String url, String alt) {
    }

    /**
     * Maps an article and its view count (the counter's figure, not the article's) to its JSON shape.
     *
     * @param a the article
     * @param views its all-time views
     * @return the JSON shape
     */
    public static ArticleJson of(Article a, long views) {
        return new ArticleJson(a.id(), a.slug(), a.title(), a.summary(), a.body(),
                a.author() == null ? null : new AuthorJson(a.author().name(), a.author().position()),
                a.source() == null ? null : new SourceJson(a.source().text(), a.source().url()),
                a.category(), a.tags(), a.status().id(),
                a.publishedAt() == null ? null : a.publishedAt().toString(),
                a.updatedAt() == null ? null : a.updatedAt().toString(),
                a.image() == null ? null : new ImageJson(a.image().url(), a.image().alt()),
                views);
    }

    /**
     * Reads a POST/PUT body into an article. {@code id}, {@code views} and {@code updatedAt} in the
     * body are ignored (they are the server's); {@code publishedAt} defaults to now when publishing.
     * Every malformed field is reported at once; the core then checks the rules
     * ({@link io.bantin.article.ArticleValidationException}).
     *
     * @param node the JSON object
     * @param id 0 for a new article, else the id from the path
     * @param existing the stored article for PUT (its slug is kept when the body has none), or {@code null}
     * @param clock for the default {@code publishedAt}
     * @return the article to save
     * @throws ApiException 400 naming each malformed field
     */
    public static Article read(JsonNode node, long id, Article existing, Clock clock) {
        Map<String, String> errors = new LinkedHashMap<>();
        String slug = text(node, "slug", errors);
        String title = text(node, "title", errors);
        String summary = text(node, "summary", errors);
        String body = text(node, "body", errors);
        String category = text(node, "category", errors);
        Author author = null;
        JsonNode a = object(node, "author", errors);
        if (a != null) {
            author = new Author(text(a, "name", errors, "author.name"), text(a, "position", errors, "author.position"));
        }
        Source source = null;
        JsonNode s = object(node, "source", errors);
        if (s != null) {
            source = new Source(text(s, "text", errors, "source.text"), text(s, "url", errors, "source.url"));
        }
        Image image = null;
        JsonNode i = object(node, "image", errors);
        if (i != null) {
            image = new Image(text(i, "url", errors, "image.url"), text(i, "alt", errors, "image.alt"));
        }
        List<String> tags = new ArrayList<>();
        JsonNode t = node.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                errors.put("tags", "must be an array of strings");
            } else {
                for (JsonNode tag : t) {
                    if (!tag.isTextual()) {
                        errors.put("tags", "must be an array of strings");
                        break;
                    }
                    tags.add(tag.asText());
                }
            }
        }
        Status status = Status.DRAFT;
        String statusText = text(node, "status", errors);
        if (statusText != null) {
            try {
                status = Status.parse(statusText);
            } catch (IllegalArgumentException e) {
                errors.put("status", "must be one of draft, scheduled, published, archived");
            }
        }
        Instant publishedAt = null;
        String publishedText = text(node, "publishedAt", errors);
        if (publishedText != null && !publishedText.isBlank()) {
            try {
                publishedAt = Instant.parse(publishedText.trim());
            } catch (DateTimeParseException e) {
                errors.put("publishedAt", "must be an ISO-8601 instant such as 2026-11-27T03:08:00Z");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("invalid article", errors);
        }
        if (status == Status.PUBLISHED && publishedAt == null) {
            publishedAt = existing != null && existing.publishedAt() != null ? existing.publishedAt() : clock.instant();
        }
        if ((slug == null || slug.isBlank()) && existing != null) {
            slug = existing.slug();
        }
        try {
            return build(id, slug, title, summary, body, author, source, category, tags, status, publishedAt, image);
        } catch (ArticleValidationException e) {
            throw ApiException.badRequest("invalid article", e.errors());
        }
    }

    private static Article build(long id, String slug, String title, String summary, String body, Author author,
                                 Source source, String category, List<String> tags, Status status,
                                 Instant publishedAt, Image image) {
        return Article.builder()
                .id(id)
                .slug(slug)
                .title(title)
                .summary(summary)
                .body(body)
                .author(author)
                .source(source)
                .category(category)
                .tags(tags)
                .status(status)
                .publishedAt(publishedAt)
                .image(image)
                .build();
    }

    private static String text(JsonNode node, String field, Map<String, String> errors) {
        return text(node, field, errors, field);
    }

    private static String text(JsonNode node, String field, Map<String, String> errors, String name) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.put(name, "must be a string");
            return null;
        }
        return v.asText();
    }

    private static JsonNode object(JsonNode node, String field, Map<String, String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            errors.put(field, "must be an object");
            return null;
        }
        return v;
    }
}
