package io.bantin.examples.spring;

import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.Status;
import java.time.Instant;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Saves the sample article on the first start, so that the portal has a page to show. */
@Component
public class SampleArticles implements ApplicationRunner {

    /** The sample article's address under {@code /articles/}. */
    public static final String SLUG = "ngay-hoi-chuyen-doi-so-tai-xa-vung-cao";

    private final ArticleRepository articles;

    /** Takes the repository to save into. */
    public SampleArticles(ArticleRepository articles) {
        this.articles = articles;
    }

    /** Saves {@link #sample()} unless an article with its slug exists. */
    @Override
    public void run(ApplicationArguments args) {
        if (articles.findBySlug(SLUG).isEmpty()) {
            articles.save(sample());
        }
    }

    /** A made-up district news piece, written for this example. */
    static Article sample() {
        return Article.builder()
                .slug(SLUG)
                .title("Ngày hội chuyển đổi số tại xã vùng cao")
                .summary("Hơn 500 người dân xã Tà Xùa được hướng dẫn cài đặt định danh điện tử, thanh toán không "
                        + "dùng tiền mặt và nộp hồ sơ dịch vụ công trực tuyến ngay tại nhà văn hóa xã.")
                .body("<p>Sáng 28/11, Ủy ban nhân dân xã Tà Xùa phối hợp với Đoàn Thanh niên huyện tổ chức ngày hội "
                        + "chuyển đổi số, thu hút hơn 500 người dân các bản đến tham dự.</p>"
                        + "<h2>Mỗi bản một tổ công nghệ số cộng đồng</h2>"
                        + "<p>Các tổ công nghệ số cộng đồng hướng dẫn bà con cài đặt ứng dụng định danh điện tử, "
                        + "mở tài khoản thanh toán và tra cứu thủ tục hành chính bằng điện thoại.</p>"
                        + "<ul><li>312 tài khoản định danh điện tử mức 2 được kích hoạt</li>"
                        + "<li>146 hồ sơ dịch vụ công được nộp trực tuyến</li></ul>"
                        + "<blockquote>Người dân vùng cao không đứng ngoài công cuộc chuyển đổi số.</blockquote>"
                        + "<p>Xem thêm <a href=\"https://example.gov.vn/dich-vu-cong\">hướng dẫn dịch vụ công trực tuyến</a>.</p>")
                .author("Lò Thị Mai", "Phóng viên Trung tâm Văn hóa - Thể thao và Truyền thông huyện")
                .source("Trung tâm Văn hóa - Thể thao và Truyền thông huyện", "https://example.gov.vn/ttvh")
                .category("Chuyển đổi số")
                .tags("Chuyển đổi số", "Dịch vụ công", "Vùng cao")
                .status(Status.PUBLISHED)
                .publishedAt(Instant.parse("2026-11-28T02:30:00Z"))
                .build();
    }
}
