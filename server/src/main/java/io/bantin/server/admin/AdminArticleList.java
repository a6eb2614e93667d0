package io.bantin.server.admin;

import java.util.List;

/**
 * The admin's list of all articles.
 *
 * @param rows one row per article on this page
 * @param total number of articles
 * @param previousHref link to the previous page, or {@code null}
 * @param nextHref link to the next page, or {@code null}
 * @param message a status line after an action, or {@code null}
 */
public record AdminArticleList(List<Row> rows, long total, String previousHref, String nextHref, String message) {
    /** Copies the rows. */
    public AdminArticleList {
        rows = List.copyOf(rows);
    }

    /** One article: {@code published} means visible to the public now. */
    public record Row(long id, String title, String statusLabel, String updated, boolean published,
                      String publicHref) {
    }
}
