package io.bantin.article;

import io.bantin.article.internal.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An article: immutable and always valid. The compact constructor normalizes (strips blanks, copies
 * and de-duplicates tags) and checks every rule, throwing one {@link ArticleValidationException} that
 * names all broken fields. An empty slug and id 0 mean "not saved yet": the repository derives the
 * slug from the title and assigns the id. The body is HTML, sanitized by the repository on save
 * (the repository's {@link HtmlPolicy}).
 *
 * @param id the repository's id, 0 before the first save
 * @param slug the URL slug, or empty to derive it from the title on save
 * @param title the headline, required, at most 300 characters
 * @param summary the lead as plain text, possibly empty, at most 1,000 characters
 * @param body the article as HTML, possibly empty
 * @param author who signed it, or {@code null}
 * @param source the "Nguồn" line, or {@code null}
 * @param category the category name, or {@code null}
 * @param tags the tags, stripped, without blanks and without two tags of the same slug
 * @param status the life-cycle state
 * @param publishedAt when it is or was published; required for {@link Status#SCHEDULED}; within
 *     {@link #EARLIEST} and {@link #LATEST}
 * @param updatedAt when it was last saved, set by the repository; within the same range
 * @param image the featured image, or {@code null}
 */
public record Article(long id, String slug, String title, String summary, String body, Author author,
                      Source source, String category, List<String> tags, Status status,
                      Instant publishedAt, Instant updatedAt, Image image) {

    /**
     * The earliest instant an article may carry. Instants outside four-digit years cannot be stored as
     * epoch milliseconds (year 300,000,000 overflows them) or printed as dates readers know, so
     * they are refused here rather than failing later in a store or a page.
     */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The latest instant an article may carry (see {@link #EARLIEST}). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static final int MAX_TITLE = 300;
    static final int MAX_SUMMARY = 1_000;
    static final int MAX_BODY = 1_000_000;
    static final int MAX_NAME = 200;
    static final int MAX_POSITION = 300;
    static final int MAX_SOURCE_TEXT = 300;
    static final int MAX_CATEGORY = 100;
    static final int MAX_TAG = 100;
    static final int MAX_TAGS = 30;
    static final int MAX_ALT = 300;

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    /**
     * Normalizes and validates.
     *
     * @throws ArticleValidationException naming every broken field
     */
    public Article {
        slug = slug == null ? "" : slug.strip();
        title = title == null ? "" : title.strip();
        summary = summary == null ? "" : summary.strip();
        body = body == null ? "" : body;
        category = category == null || category.isBlank() ? null : category.strip();
        tags = normalizeTags(tags);

        Map<String, String> errors = new LinkedHashMap<>();
        if (id < 0) {
            errors.put("id", "0 for a new article, otherwise positive");
        }
        if (!slug.isEmpty() && (slug.length() > Text.MAX_SLUG_LENGTH || !SLUG.matcher(slug).matches())) {
            errors.put("slug", "lower-case letters a-z, digits and single hyphens between them, at most 80 characters");
        }
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            errors.put("title", "required, at most 300 characters");
        }
        if (summary.length() > MAX_SUMMARY) {
            errors.put("summary", "at most 1000 characters");
        }
        if (body.length() > MAX_BODY) {
            errors.put("body", "at most 1000000 characters");
        }
        if (author != null) {
            if (author.name().isEmpty() || author.name().length() > MAX_NAME) {
                errors.put("author.name", "required when there is an author, at most 200 characters");
            }
            if (author.position() != null && author.position().length() > MAX_POSITION) {
                errors.put("author.position", "at most 300 characters");
            }
        }
        if (source != null) {
            if (source.text().isEmpty() || source.text().length() > MAX_SOURCE_TEXT) {
                errors.put("source.text", "required when there is a source, at most 300 characters");
            }
            if (source.url() != null && !Text.isHttpUrl(source.url())) {
                errors.put("source.url", "an absolute http or https URL, at most 2000 characters");
            }
        }
        if (category != null && category.length() > MAX_CATEGORY) {
            errors.put("category", "at most 100 characters");
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > MAX_TAG)) {
            errors.put("tags", "at most 30 tags of at most 100 characters each");
        }
        if (status == null) {
            errors.put("status", "required: draft, scheduled, published or archived");
        } else if (status == Status.SCHEDULED && publishedAt == null) {
            errors.put("publishedAt", "required when the status is scheduled");
        }
        if (publishedAt != null && outOfRange(publishedAt)) {
            errors.put("publishedAt", "must be from " + EARLIEST + " to " + LATEST);
        }
        if (updatedAt != null && outOfRange(updatedAt)) {
            errors.put("updatedAt", "must be from " + EARLIEST + " to " + LATEST);
        }
        if (image != null) {
            if (!Text.isHttpUrl(image.url())) {
                errors.put("image.url", "required when there is an image: an absolute http or https URL, at most 2000 characters");
            }
            if (image.alt().isEmpty() || image.alt().length() > MAX_ALT) {
                errors.put("image.alt", "required when there is an image, at most 300 characters");
            }
        }
        if (!errors.isEmpty()) {
            throw new ArticleValidationException(errors);
        }
    }

    private static boolean outOfRange(Instant t) {
        return t.isBefore(EARLIEST) || t.isAfter(LATEST);
    }

    private static List<String> normalizeTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(tags.size());
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String stripped = tag.strip();
            // Tags are filtered by slug, so two spellings of one slug would be one tag anyway.
            if (seen.add(Text.slugify(stripped))) {
                out.add(stripped);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A builder with status {@link Status#DRAFT} and everything else empty.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this article's values, to change some of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.slug = slug;
        b.title = title;
        b.summary = summary;
        b.body = body;
        b.author = author;
        b.source = source;
        b.category = category;
        b.tags = tags;
        b.status = status;
        b.publishedAt = publishedAt;
        b.updatedAt = updatedAt;
        b.image = image;
        return b;
    }

    /**
     * Whether the public may see this article at {@code now}: it is published, or scheduled and its
     * time has come.
     *
     * @param now the current instant, from the caller's clock
     * @return true if public
     */
    public boolean isVisibleAt(Instant now) {
        return status == Status.PUBLISHED
                || (status == Status.SCHEDULED && publishedAt != null && !publishedAt.isAfter(now));
    }

    /**
     * Collects an article's values; {@link #build()} validates them all at once. Not thread-safe.
     */
    public static final class Builder {
        private long id;
        private String slug;
        private String title;
        private String summary;
        private String body;
        private Author author;
        private Source source;
        private String category;
        private List<String> tags = List.of();
        private Status status = Status.DRAFT;
        private Instant publishedAt;
        private Instant updatedAt;
        private Image image;

        private Builder() {
        }

        /**
         * Sets the id, 0 for a new article.
         *
         * @param id the value
         * @return this builder
         */
        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the slug, or null/empty to derive it from the title on save.
         *
         * @param slug the value
         * @return this builder
         */
        public Builder slug(String slug) {
            this.slug = slug;
            return this;
        }

        /**
         * Sets the headline.
         *
         * @param title the value
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * Sets the lead as plain text.
         *
         * @param summary the value
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /**
         * Sets the article as HTML, sanitized on save.
         *
         * @param body the value
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * Sets who signed it, or null.
         *
         * @param author the value
         * @return this builder
         */
        public Builder author(Author author) {
            this.author = author;
            return this;
        }

        /**
         * Sets the author from a name and a position.
         *
         * @param name the author's name
         * @param position the author's position, or null
         * @return this builder
         */
        public Builder author(String name, String position) {
            return author(new Author(name, position));
        }

        /**
         * Sets the "Nguồn" line, or null.
         *
         * @param source the value
         * @return this builder
         */
        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /**
         * Sets the source from its text and URL.
         *
         * @param text the source as shown
         * @param url its address, or null
         * @return this builder
         */
        public Builder source(String text, String url) {
            return source(new Source(text, url));
        }

        /**
         * Sets the category name, or null.
         *
         * @param category the value
         * @return this builder
         */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /**
         * Sets the tags (copied), or null for none.
         *
         * @param tags the value
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = tags == null ? List.of() : new ArrayList<>(tags);
            return this;
        }

        /**
         * Sets the tags.
         *
         * @param tags the value
         * @return this builder
         */
        public Builder tags(String... tags) {
            return tags(Arrays.asList(tags));
        }

        /**
         * Sets the life-cycle state.
         *
         * @param status the value
         * @return this builder
         */
        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        /**
         * Sets when it is or was published.
         *
         * @param publishedAt the value
         * @return this builder
         */
        public Builder publishedAt(Instant publishedAt) {
            this.publishedAt = publishedAt;
            return this;
        }

        /**
         * Sets when it was last saved; the repository overwrites it.
         *
         * @param updatedAt the value
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * Sets the featured image, or null.
         *
         * @param image the value
         * @return this builder
         */
        public Builder image(Image image) {
            this.image = image;
            return this;
        }

        /**
         * Sets the featured image from its URL and alt text.
         *
         * @param url the image address
         * @param alt its alternative text
         * @return this builder
         */
        public Builder image(String url, String alt) {
            return image(new Image(url, alt));
        }

        /**
         * Builds the article.
         *
         * @return the article
         * @throws ArticleValidationException naming every broken field
         */
        public Article build() {
            return new Article(id, slug, title, summary, body, author, source, category, tags, status,
                    publishedAt, updatedAt, image);
        }
    }
}
