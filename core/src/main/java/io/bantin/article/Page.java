package io.bantin.article;

import java.util.List;
import java.util.Objects;

/**
 * One page of results.
 *
 * @param items the items of this page, copied, unmodifiable
 * @param page the page number, 1 or more
 * @param size the requested page size, 1 or more
 * @param total the number of items on all pages
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if page or size is below 1 or total is negative
     * @throws NullPointerException if items is or holds null
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (page < 1) {
            throw new IllegalArgumentException("page: must be 1 or more, was " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size: must be 1 or more, was " + size);
        }
        if (total < 0) {
            throw new IllegalArgumentException("total: must be 0 or more, was " + total);
        }
    }

    /**
     * The number of pages, at least 1.
     *
     * @return the page count
     */
    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /**
     * Whether a later page exists.
     *
     * @return true if {@code page < totalPages()}
     */
    public boolean hasNext() {
        return page < totalPages();
    }
}
