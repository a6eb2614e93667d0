package io.bantin.bench;

import io.bantin.render.ArticleRenderer;

/** The stats box part of the benchmark; kept apart until the counter's VisitStats is merged. */
final class Stats {

    private Stats() {
    }

    static Object sample() {
        return null;
    }

    static String render(ArticleRenderer renderer, Object stats) {
        return "";
    }
}
