package io.bantin.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.article.Article;
import io.bantin.article.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ArticlePageCacheTest {
    static final Article ARTICLE = Article.builder().id(7).slug("bai-mau").title("Bài mẫu").status(Status.PUBLISHED)
            .publishedAt(Instant.parse("2026-11-27T03:00:00Z")).updatedAt(Instant.parse("2026-11-27T03:00:00Z")).build();

    @Test
    void fillsViewsAndStatsIntoTheCutPageAndRendersOnce() {
        AtomicInteger renders = new AtomicInteger();
        ArticlePageCache cache = new ArticlePageCache((a, views, stats) -> {
            renders.incrementAndGet();
            return "<p>Lượt xem: " + ArticlePageCache.group(views, '.') + "</p><script>{\"views\":" + views
                    + "}</script><aside>" + stats + "</aside>";
        });
        assertThat(new String(cache.page(ARTICLE, 1234567, "<b>9</b>").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("<p>Lượt xem: 1.234.567</p><script>{\"views\":1234567}</script><aside><b>9</b></aside>");
        assertThat(new String(cache.page(ARTICLE, 5, "<i>x</i>").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("<p>Lượt xem: 5</p><script>{\"views\":5}</script><aside><i>x</i></aside>");
        assertThat(renders.get()).isEqualTo(2);
        cache.invalidate();
        cache.page(ARTICLE, 1, "");
        assertThat(renders.get()).isEqualTo(4);
    }

    @Test
    void writingTheSegmentsGivesTheSameBytesAsTheFilledPage() throws Exception {
        ArticlePageCache cache = new ArticlePageCache((a, views, stats) -> "<h1>Tin</h1><p>Lượt xem: "
                + ArticlePageCache.group(views, '.') + " / " + views + "</p><aside>" + stats + "</aside>");
        for (long views : new long[] {0, 7, 1_000, 98_765_432_101L}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(cache.write(out, ARTICLE, views, "<b>Hôm nay 9</b>".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(out.toByteArray()).as("views %d", views)
                    .isEqualTo(cache.page(ARTICLE, views, "<b>Hôm nay 9</b>").orElseThrow());
        }
    }

    @Test
    void theFirstWriteIsLongEnoughForTheResponseToDecideOnCompression() throws Exception {
        String head = "<head>" + "x".repeat(ArticlePageCache.FIRST_WRITE_MIN) + "</head>";
        for (String before : new String[] {"<p>", head}) {
            ArticlePageCache cache = new ArticlePageCache((a, views, stats) -> before + "Lượt xem: "
                    + ArticlePageCache.group(views, '.') + "</p><aside>" + stats + "</aside>");
            java.util.List<Integer> writes = new java.util.ArrayList<>();
            java.io.OutputStream out = new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    writes.add(1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writes.add(len);
                }
            };
            assertThat(cache.write(out, ARTICLE, 12_345, "<b>9</b>".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(writes.get(0)).as("first write after %s", before.length())
                    .isGreaterThanOrEqualTo(Math.min(ArticlePageCache.FIRST_WRITE_MIN,
                            writes.stream().mapToInt(Integer::intValue).sum()));
        }
    }

    @Test
    void aPageThatCannotBeCutIsLeftToDirectRendering() throws Exception {
        ArticlePageCache cache = new ArticlePageCache((a, views, stats) -> "<p>" + (views % 7) + "</p>" + stats);
        assertThat(cache.page(ARTICLE, 3, "s")).isEmpty();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(cache.write(out, ARTICLE, 3, new byte[0])).isFalse();
        assertThat(out.size()).isZero();
    }

    @Test
    void grouping() {
        assertThat(ArticlePageCache.group(0, '.')).isEqualTo("0");
        assertThat(ArticlePageCache.group(999, '.')).isEqualTo("999");
        assertThat(ArticlePageCache.group(1000, '.')).isEqualTo("1.000");
        assertThat(ArticlePageCache.group(722158, ' ')).isEqualTo("722 158");
    }
}
