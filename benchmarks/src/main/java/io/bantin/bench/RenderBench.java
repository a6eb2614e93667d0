package io.bantin.bench;

import io.bantin.article.Article;
import io.bantin.render.ArticleHtml;
import io.bantin.article.Status;
import io.bantin.render.ArticleRenderer;
import io.bantin.render.RenderOptions;
import io.bantin.visit.VisitStats;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering an article page's dynamic parts: the full article fragment of a ~1,500-word article
 * plus the stats box, against baselines measured in the same run (copying the body into a
 * StringBuilder; rendering the small toolbar template). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar RenderBench -f 1 -wi 2 -i 3 -w 2s -r 3s -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RenderBench {

    /** Paragraphs written for this benchmark (a made-up provincial news piece), repeated to length. */
    static final String[] PARAGRAPHS = {
        "Sáng nay, tại Hội trường Trung tâm Hành chính tỉnh, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác "
            + "chuyển đổi số chín tháng đầu năm và triển khai nhiệm vụ những tháng cuối năm. Dự hội nghị có các đồng chí "
            + "trong Ban Thường vụ Tỉnh ủy, lãnh đạo các sở, ban, ngành và Bí thư các huyện ủy, thành ủy.",
        "Báo cáo tại hội nghị cho biết, đến nay toàn tỉnh đã cung cấp hơn một nghìn thủ tục hành chính trực tuyến, tỷ lệ "
            + "hồ sơ được tiếp nhận và giải quyết trên môi trường mạng đạt tám mươi hai phần trăm, tăng mười bốn điểm phần "
            + "trăm so với cùng kỳ. Hạ tầng số tiếp tục được đầu tư, cáp quang đã đến tất cả các xã, phường, thị trấn.",
        "Phát biểu chỉ đạo, đồng chí Bí thư Tỉnh ủy ghi nhận những kết quả đạt được, đồng thời chỉ ra một số hạn chế như "
            + "dữ liệu giữa các ngành chưa được kết nối đồng bộ, kỹ năng số của một bộ phận cán bộ, công chức còn hạn chế, "
            + "việc thanh toán không dùng tiền mặt ở khu vực nông thôn chưa phổ biến.",
        "Đồng chí đề nghị các cấp ủy, chính quyền tập trung hoàn thành cơ sở dữ liệu dùng chung của tỉnh, đẩy mạnh đào "
            + "tạo kỹ năng số cho người dân thông qua các tổ công nghệ số cộng đồng, bảo đảm an toàn thông tin cho các hệ "
            + "thống phục vụ người dân và doanh nghiệp, lấy sự hài lòng của người dân làm thước đo hiệu quả.",
        "Trong quý IV, tỉnh phấn đấu đưa toàn bộ hồ sơ công việc cấp tỉnh, cấp huyện lên môi trường mạng, số hóa kết quả "
            + "giải quyết thủ tục hành chính còn hiệu lực và mở rộng dịch vụ công trực tuyến toàn trình đối với các thủ tục "
            + "có số lượng hồ sơ lớn như cấp giấy phép xây dựng, đăng ký kinh doanh, chứng thực bản sao điện tử.",
        "Tại hội nghị, đại diện một số huyện đã chia sẻ kinh nghiệm triển khai mô hình xã thông minh, ứng dụng bản đồ số "
            + "trong quản lý đất đai và nền tảng phản ánh hiện trường giúp người dân gửi kiến nghị tới chính quyền nhanh "
            + "chóng, thuận tiện, được trả lời công khai trên cổng thông tin điện tử.",
    };

    /** The view count shown, as a counter would give it. */
    private static final long VIEWS = 12_165;

    private ArticleRenderer renderer;
    private Article article;
    private String body;
    private VisitStats stats;

    /** Builds a ~1,500-word article once; the renderer is created once, as a site would. */
    @Setup
    public void setUp() {
        StringBuilder html = new StringBuilder();
        int words = 0;
        for (int section = 1; words < 1_500; section++) {
            html.append("<h2>Phần ").append(section).append("</h2>");
            for (String p : PARAGRAPHS) {
                html.append("<p>").append(p).append("</p>");
                words += p.split("\\s+").length;
            }
        }
        body = ArticleHtml.sanitize(html.toString());
        article = Article.builder()
                .id(1)
                .slug("so-ket-chuyen-doi-so-chin-thang")
                .title("Tỉnh ủy sơ kết công tác chuyển đổi số chín tháng đầu năm")
                .summary("Ban Thường vụ Tỉnh ủy sơ kết công tác chuyển đổi số và triển khai nhiệm vụ những tháng cuối năm.")
                .body(body)
                .author("Nguyễn Thị Hồng Nhung", "Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy")
                .source("Văn phòng Tỉnh ủy", "https://example.gov.vn/van-phong")
                .category("Thời sự")
                .status(Status.PUBLISHED)
                .publishedAt(Instant.parse("2026-11-27T03:08:00Z"))
                .image("https://example.gov.vn/anh/hoi-nghi.jpg", "Quang cảnh hội nghị")
                .build();
        renderer = new ArticleRenderer(RenderOptions.builder().siteName("Cổng thông tin điện tử tỉnh")
                .baseUrl("https://example.gov.vn").build());
        stats = new VisitStats(37, 12_165, 11_982, 61_430, 254_118, 9_876_543, 48_210, 3_112,
                Instant.parse("2026-11-27T03:08:00Z"));
    }

    /** The measured work: the article fragment and the stats box, as an article page needs them. */
    @Benchmark
    public int articleFragmentAndStats() {
        return renderer.articleFragment(article, VIEWS).length() + renderer.statsBox(stats).length();
    }

    /** The article fragment alone. */
    @Benchmark
    public String articleFragment() {
        return renderer.articleFragment(article, VIEWS);
    }

    /** Baseline: copying the body into a new StringBuilder, the least any renderer must do. */
    @Benchmark
    public String baselineCopyBody() {
        return new StringBuilder(body.length() + 16).append(body).toString();
    }

    /** Baseline: a small jte template (the reader toolbar). */
    @Benchmark
    public String baselineSmallTemplate() {
        return renderer.readerToolbar(article);
    }
}
