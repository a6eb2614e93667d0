package io.bantin.render.internal;

import java.util.List;

/**
 * What the stats box template shows. Public only for the precompiled templates.
 *
 * @param heading the box's heading
 * @param rows the rows in order
 */
public record StatsView(String heading, List<Row> rows) {

    /**
     * One row.
     *
     * @param id a stable id for styling, e.g. "today"
     * @param label the row's label
     * @param value the formatted number
     */
    public record Row(String id, String label, String value) {
    }
}
