package io.bantin.examples;

import io.bantin.render.ArticleHtml;
import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.InMemoryArticleRepository;
import io.bantin.article.Status;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.ReaderAssets;
import io.bantin.render.RenderOptions;
import io.bantin.visit.VisitStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Renders an article page to a file with bantin's rendering helpers alone: a tiny HTML shell around
 * {@code headTags}, {@code headAssets}, {@code articleFragment} and {@code statsBox}, with the reader
 * assets copied next to it so the page works when opened from disk.
 *
 * <p>Run: {@code java -cp ... io.bantin.examples.RenderArticleDemo [output.html]} (default
 * {@code target/article.html}).
 */
public final class RenderArticleDemo {

    /** Where the reader assets are copied, relative to the page. */
    static final String ASSET_DIR = "bantin-assets";

    private RenderArticleDemo() {
    }

    /**
     * Writes the page.
     *
     * @param args optionally the output path
     * @throws IOException if the file or the assets cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "target/article.html").toAbsolutePath();
        render(out);
        System.out.println("Wrote " + out);
    }

    /**
     * Renders the demo article page to {@code out} and copies the reader assets beside it.
     *
     * @param out the HTML file to write
     * @throws IOException if writing fails
     */
    static void render(Path out) throws IOException {
        // A fixed clock keeps the page the same on every run.
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T03:08:00Z"), ZoneOffset.UTC);
        ArticleRepository articles = new InMemoryArticleRepository(clock, ArticleHtml.policy());
        Article article = articles.save(sampleArticle());
        long views = 12_165;

        RenderOptions options = RenderOptions.builder()
                .siteName("Cổng thông tin điện tử tỉnh (bản mẫu)")
                .baseUrl("https://example.gov.vn")
                .assetPath(ASSET_DIR)
                .build();
        ArticleRenderer renderer = new ArticleRenderer(options);
        VisitStats stats = new VisitStats(23, 1_482, 1_937, 9_604, 38_215, 2_612_047, 4_930, 611, clock.instant());

        // The shell is the host page's own markup; every dynamic part comes from the renderer.
        String page = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + renderer.headTags(article)
                + renderer.headAssets()
                + "</head>\n<body>\n"
                + "<header><nav aria-label=\"Điều hướng chính\"><a href=\"https://example.gov.vn/\">Trang chủ</a></nav></header>\n"
                + "<main>\n" + renderer.articleFragment(article, views) + "</main>\n"
                + "<aside aria-label=\"Thông tin bên lề\">\n" + renderer.statsBox(stats) + "</aside>\n"
                + "</body>\n</html>\n";

        Path parent = out.getParent();
        Files.createDirectories(parent.resolve(ASSET_DIR));
        for (Map.Entry<String, byte[]> asset : ReaderAssets.all().entrySet()) {
            Files.write(parent.resolve(ASSET_DIR).resolve(asset.getKey()), asset.getValue());
        }
        Files.writeString(out, page, StandardCharsets.UTF_8);
    }

    /** A made-up provincial news piece, written for this demo. */
    static Article sampleArticle() {
        return Article.builder()
                .title("Văn phòng Tỉnh ủy chủ động đổi mới phương thức phục vụ")
                .summary("Năm 2026, Văn phòng Tỉnh ủy đẩy mạnh ứng dụng công nghệ số, rút ngắn thời gian xử lý văn bản "
                        + "và nâng cao chất lượng tham mưu, phục vụ Ban Thường vụ Tỉnh ủy.")
                .body("<p>Từ đầu năm, Văn phòng Tỉnh ủy đã đưa toàn bộ văn bản đi, đến lên hệ thống quản lý điều hành, "
                        + "giúp lãnh đạo theo dõi tiến độ xử lý công việc ở mọi lúc, mọi nơi.</p>"
                        + "<h2>Rút ngắn thời gian xử lý</h2>"
                        + "<p>Thời gian xử lý bình quân một văn bản giảm từ năm ngày xuống còn hai ngày. Các cuộc họp "
                        + "được chuẩn bị tài liệu điện tử, tiết kiệm đáng kể chi phí in ấn.</p>"
                        + "<ul><li>Số hóa hồ sơ lưu trữ giai đoạn 2010–2020</li><li>Ký số văn bản trên thiết bị di động</li></ul>"
                        + "<blockquote>Lấy hiệu quả công việc làm thước đo chất lượng phục vụ.</blockquote>"
                        + "<p>Xem thêm <a href=\"https://example.gov.vn/van-ban\">các văn bản liên quan</a>.</p>")
                .author("Phạm Quốc Khánh", "Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy")
                .source("Văn phòng Tỉnh ủy", "https://example.gov.vn/van-phong-tinh-uy")
                .category("Xây dựng Đảng")
                .tags("Chuyển đổi số", "Văn phòng Tỉnh ủy")
                .status(Status.PUBLISHED)
                .publishedAt(Instant.parse("2026-11-27T03:08:00Z"))
                .build();
    }
}
