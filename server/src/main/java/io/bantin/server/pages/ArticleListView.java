package io.bantin.server.pages;

import java.util.List;

/**
 * A page of article teasers (home, category, tag, search), ready for the {@code list} template.
 *
 * @param heading the page's {@code <h1>}
 * @param intro a line under the heading, or {@code null}
 * @param items the teasers
 * @param page current page, from 1
 * @param pages number of pages, at least 1
 * @param previousHref link to the previous page, or {@code null}
 * @param nextHref link to the next page, or {@code null}
 */
public record ArticleListView(String heading, String intro, List<Item> items, int page, int pages,
                              String previousHref, String nextHref) {
    /** Copies the items. */
    public ArticleListView {
        items = List.copyOf(items);
    }

    /** One teaser; {@code category} and {@code summary} may be {@code null}. */
    public record Item(String title, String href, String category, String categoryHref, String summary,
                       String isoDate, String displayDate) {
    }
}
