package io.bantin.server.counting;

import io.bantin.javalin.BantinPlugin;
import io.bantin.visit.HitOutcome;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Counts the server's article pages through the same rules as its counting routes, those of
 * {@link BantinPlugin}: the client's IP as resolved behind trusted proxies only, its User-Agent, the
 * path and the article; a logged-in editor's own views and prefetches are recorded as excluded.
 * Goes through {@link io.bantin.visit.VisitCounter#record} only, which never touches the database,
 * and never fails the page. Thread-safe.
 */
public final class HitRecorder {
    private final BantinPlugin counting;

    /**
     * Creates the recorder.
     *
     * @param counting the plugin that mounts the counting routes, with page counting off: the
     *     server counts only its article pages
     */
    public HitRecorder(BantinPlugin counting) {
        this.counting = Objects.requireNonNull(counting, "counting");
    }

    /**
     * Records one hit.
     *
     * @param ctx the request
     * @param path the page's path
     * @param articleId the article's id, or 0 for none
     * @return what the counter did; {@link HitOutcome#EXCLUDED} when the request has no client
     *     address; {@code null} when counting failed (logged, the page is served)
     */
    public HitOutcome record(Context ctx, String path, long articleId) {
        return counting.count(ctx, path, articleId);
    }
}
