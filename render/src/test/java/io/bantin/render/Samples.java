package io.bantin.render;

import io.bantin.article.Article;
import io.bantin.article.Status;
import java.time.Instant;

/** Sample content written for bantin's tests (a made-up provincial news piece). */
final class Samples {

    static final Instant PUBLISHED = Instant.parse("2026-11-27T03:08:00Z");
    static final Instant UPDATED = Instant.parse("2026-11-27T04:30:00Z");
    /** The sample article's view count, as a counter would give it. */
    static final long VIEWS = 1234;

    private Samples() {
    }

    static Article article() {
        return Article.builder()
                .id(42)
                .slug("tinh-uy-so-ket-chuyen-doi-so-quy-iii")
                .title("Tỉnh ủy sơ kết chuyển đổi số quý III")
                .summary("Sáng 27/11, Ban Thường vụ Tỉnh ủy họp sơ kết công tác chuyển đổi số quý III và bàn nhiệm vụ quý IV.")
                .body("<p>Hội nghị do đồng chí Bí thư Tỉnh ủy chủ trì.</p><h2>Kết quả</h2>"
                        + "<p>Tỷ lệ hồ sơ trực tuyến đạt <strong>82%</strong>.</p>")
                .author("Nguyễn Thị Hồng Nhung", "Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy")
                .source("Văn phòng Tỉnh ủy", "https://example.gov.vn/van-phong")
                .category("Thời sự")
                .tags("Chuyển đổi số", "Tỉnh ủy")
                .status(Status.PUBLISHED)
                .publishedAt(PUBLISHED)
                .updatedAt(UPDATED)
                .image("https://example.gov.vn/anh/hoi-nghi.jpg", "Quang cảnh hội nghị")
                .build();
    }
}
