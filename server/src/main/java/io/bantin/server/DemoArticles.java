package io.bantin.server;

import io.bantin.article.Article;
import io.bantin.article.ArticleRepository;
import io.bantin.article.Author;
import io.bantin.article.Source;
import io.bantin.article.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sample articles for {@code --demo}, written for bantin about a fictional province ("tỉnh Sông
 * Lam"), so a newcomer sees a full portal at once. Seeded only into a database without articles.
 */
final class DemoArticles {
    private DemoArticles() {
    }

    /**
     * Saves the samples when the repository is empty.
     *
     * @return how many were saved (0 when there were articles already)
     */
    static int seedIfEmpty(ArticleRepository repository, Clock clock) {
        if (repository.all(1, 1).total() > 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<Article> samples = List.of(
                article(now.minus(Duration.ofHours(2)),
                        "Tỉnh Sông Lam khởi công tuyến đường ven sông dài 18 km",
                        "Tuyến đường nối ba huyện ven sông, dự kiến hoàn thành sau 24 tháng, giúp rút ngắn một nửa thời gian đi lại từ vùng sâu về trung tâm tỉnh.",
                        "<p>Sáng nay, Ủy ban nhân dân tỉnh Sông Lam tổ chức lễ khởi công tuyến đường ven sông dài 18 km, đi qua địa bàn ba huyện Bến Đò, Lam Hạ và Thượng Nguồn.</p>"
                                + "<p>Tổng mức đầu tư của dự án khoảng 1.250 tỷ đồng từ ngân sách trung ương và ngân sách tỉnh. Tuyến đường có bề rộng 12 m, hai làn xe cơ giới và hai làn xe thô sơ, kết hợp đê chống lũ.</p>"
                                + "<p>Phát biểu tại buổi lễ, lãnh đạo tỉnh đề nghị chủ đầu tư và các nhà thầu bảo đảm chất lượng, tiến độ; các địa phương làm tốt công tác bồi thường, hỗ trợ tái định cư để người dân sớm ổn định cuộc sống.</p>",
                        new Author("Nguyễn Văn Hòa", "Phó Chủ tịch UBND tỉnh"), new Source("Báo Sông Lam", null),
                        "Thời sự", List.of("giao thông", "đầu tư công")),
                article(now.minus(Duration.ofHours(9)),
                        "Hội nghị tổng kết công tác cải cách hành chính năm 2026",
                        "Chỉ số cải cách hành chính của tỉnh tăng 7 bậc; 98% hồ sơ được giải quyết đúng hạn trên hệ thống một cửa điện tử.",
                        "<p>Chiều qua, Ban Chỉ đạo cải cách hành chính tỉnh tổ chức hội nghị tổng kết công tác năm 2026 và triển khai nhiệm vụ năm 2027.</p>"
                                + "<p>Trong năm, toàn tỉnh tiếp nhận hơn 310.000 hồ sơ, trong đó 98% được giải quyết đúng và trước hạn. Tỷ lệ hồ sơ nộp trực tuyến đạt 64%, tăng gần gấp đôi so với năm trước.</p>"
                                + "<ul><li>Cắt giảm 45 thủ tục hành chính cấp tỉnh.</li><li>Đưa vào vận hành kho dữ liệu dùng chung.</li><li>Thí điểm chữ ký số cho cán bộ cấp xã.</li></ul>",
                        new Author("Trần Thị Mai", "Giám đốc Sở Nội vụ"), new Source("Văn phòng UBND tỉnh", null),
                        "Thời sự", List.of("cải cách hành chính", "chuyển đổi số")),
                article(now.minus(Duration.ofDays(1)),
                        "Nông dân Lam Hạ thu hoạch vụ bưởi da xanh đạt năng suất cao",
                        "Hơn 600 ha bưởi da xanh cho năng suất bình quân 18 tấn mỗi héc-ta, giá bán ổn định nhờ liên kết tiêu thụ với doanh nghiệp.",
                        "<p>Những ngày này, nông dân huyện Lam Hạ tất bật thu hoạch bưởi da xanh. Vụ năm nay thời tiết thuận lợi, sâu bệnh ít, năng suất bình quân đạt khoảng 18 tấn mỗi héc-ta.</p>"
                                + "<p>Nhờ 14 hợp tác xã ký kết hợp đồng bao tiêu với doanh nghiệp, giá bưởi loại một được giữ ở mức 32.000 đồng mỗi ki-lô-gam. Nhiều hộ có thu nhập trên 400 triệu đồng mỗi năm.</p>"
                                + "<p>Huyện đang hướng dẫn bà con sản xuất theo tiêu chuẩn VietGAP và cấp mã số vùng trồng để chuẩn bị xuất khẩu.</p>",
                        new Author("Lê Minh Tâm", "Phóng viên"), new Source("Trung tâm Văn hóa - Thông tin huyện Lam Hạ", null),
                        "Nông nghiệp", List.of("nông sản", "hợp tác xã")),
                article(now.minus(Duration.ofDays(2)),
                        "Khai mạc Lễ hội Văn hóa các dân tộc tỉnh Sông Lam lần thứ V",
                        "Lễ hội quy tụ hơn 1.000 nghệ nhân, diễn viên quần chúng đến từ 10 huyện, thị xã, thành phố.",
                        "<p>Tối 24/11, tại Quảng trường trung tâm, Lễ hội Văn hóa các dân tộc tỉnh Sông Lam lần thứ V chính thức khai mạc.</p>"
                                + "<p>Trong ba ngày diễn ra lễ hội có nhiều hoạt động: trình diễn trang phục truyền thống, thi hát dân ca, giới thiệu ẩm thực và nghề thủ công như dệt thổ cẩm, đan lát.</p>"
                                + "<blockquote><p>Lễ hội là dịp để đồng bào các dân tộc gặp gỡ, giao lưu và cùng nhau gìn giữ bản sắc.</p></blockquote>",
                        new Author("Phạm Quốc Bảo", "Giám đốc Sở Văn hóa, Thể thao và Du lịch"), new Source("Cổng thông tin Sở Văn hóa, Thể thao và Du lịch", "https://example.org/van-hoa"),
                        "Văn hóa - Xã hội", List.of("lễ hội", "du lịch")),
                article(now.minus(Duration.ofDays(3)),
                        "Thu hút đầu tư 11 tháng đạt hơn 9.000 tỷ đồng",
                        "Tỉnh cấp mới 42 dự án đầu tư, tập trung vào công nghiệp chế biến, năng lượng tái tạo và du lịch sinh thái.",
                        "<p>Theo Sở Kế hoạch và Đầu tư, 11 tháng năm 2026, tỉnh đã cấp quyết định chủ trương đầu tư cho 42 dự án với tổng vốn đăng ký hơn 9.000 tỷ đồng, tăng 23% so với cùng kỳ.</p>"
                                + "<p>Các dự án tập trung vào chế biến nông sản, điện mặt trời áp mái và du lịch sinh thái ven sông. Tỉnh tiếp tục rà soát quỹ đất sạch và rút ngắn thời gian giải quyết thủ tục cho nhà đầu tư.</p>",
                        new Author("Võ Thanh Sơn", "Phó Giám đốc Sở Kế hoạch và Đầu tư"), new Source("Sở Kế hoạch và Đầu tư", null),
                        "Kinh tế", List.of("đầu tư", "doanh nghiệp")),
                article(now.minus(Duration.ofDays(5)),
                        "Ra quân chiến dịch tiêm chủng mở rộng cho trẻ em vùng sâu",
                        "Các đội tiêm lưu động sẽ đến 35 xã vùng sâu, vùng xa trong tháng 12 để bảo đảm trẻ được tiêm đủ mũi.",
                        "<p>Sở Y tế vừa phát động chiến dịch tiêm chủng mở rộng cho trẻ em dưới 5 tuổi tại 35 xã vùng sâu, vùng xa.</p>"
                                + "<p>Mười hai đội tiêm lưu động được thành lập, phối hợp với trạm y tế xã và già làng, trưởng bản vận động người dân đưa trẻ đi tiêm đúng lịch. Phụ huynh có thể tra cứu lịch tiêm tại trạm y tế gần nhất.</p>",
                        new Author("Đặng Thị Hương", "Phó Giám đốc Sở Y tế"), new Source("Sở Y tế", null),
                        "Văn hóa - Xã hội", List.of("y tế", "trẻ em")));
        for (Article a : samples) {
            repository.save(a);
        }
        return samples.size();
    }

    private static Article article(Instant publishedAt, String title, String summary, String body, Author author,
                                   Source source, String category, List<String> tags) {
        return Article.builder()
                .title(title)
                .summary(summary)
                .body(body)
                .author(author)
                .source(source)
                .category(category)
                .tags(tags)
                .status(Status.PUBLISHED)
                .publishedAt(publishedAt)
                .build();
    }
}
