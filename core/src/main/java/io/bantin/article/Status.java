package io.bantin.article;

import java.util.Locale;
import java.util.Objects;

/** The life cycle of an article. Only {@link #PUBLISHED} and due {@link #SCHEDULED} articles are public. */
public enum Status {
    /** Being written; never public. */
    DRAFT,
    /** Becomes public once its {@code publishedAt} has come, by the repository's clock. */
    SCHEDULED,
    /** Public. */
    PUBLISHED,
    /** Kept but no longer listed or shown. */
    ARCHIVED;

    /**
     * The stable lower-case identifier used in storage, forms and JSON, e.g. {@code "draft"}.
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an identifier as returned by {@link #id()}, ignoring case and surrounding blanks.
     *
     * @param id the identifier, e.g. {@code "published"}
     * @return the status
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} names no status
     */
    public static Status parse(String id) {
        Objects.requireNonNull(id, "id");
        String wanted = id.strip();
        for (Status s : values()) {
            if (s.id().equalsIgnoreCase(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "status: unknown value \"" + id + "\", expected one of draft, scheduled, published, archived");
    }
}
