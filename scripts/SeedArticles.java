import io.bantin.article.Article;
import io.bantin.article.Status;
import io.bantin.render.ArticleHtml;
import io.bantin.store.Database;
import io.bantin.store.SqlArticleRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fills a SQLite database with published articles of a realistic length, for the sitemap benchmark
 * (scripts/bench-sitemap.sh). Run with the server jar on the class path:
 * {@code java -cp server/target/bantin-server.jar scripts/SeedArticles.java data.db 1000 12000}.
 */
public class SeedArticles {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int bodyChars = Integer.parseInt(args[2]);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        StringBuilder body = new StringBuilder(bodyChars + 200);
        String paragraph = "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị sơ kết công tác chuyển đổi số, "
                + "đánh giá kết quả thực hiện các chỉ tiêu và bàn nhiệm vụ trọng tâm trong thời gian tới.</p>";
        while (body.length() < bodyChars) {
            body.append(paragraph);
        }
        Database db = Database.sqlite(file);
        SqlArticleRepository repo = new SqlArticleRepository(db, Clock.fixed(start, ZoneOffset.UTC), ArticleHtml.policy());
        for (int i = 1; i <= count; i++) {
            repo.save(Article.builder()
                    .title("Tin số " + i + ": hội nghị sơ kết chuyển đổi số của tỉnh")
                    .summary("Tóm tắt tin số " + i + " về hội nghị sơ kết công tác chuyển đổi số.")
                    .body(body.toString())
                    .author("Nguyễn Thị Hồng Nhung", "Phóng viên")
                    .category(i % 2 == 0 ? "Thời sự" : "Kinh tế")
                    .tags("Chuyển đổi số")
                    .status(Status.PUBLISHED)
                    .publishedAt(start.plus(Duration.ofMinutes(i)))
                    .build());
        }
        db.close();
        System.out.println("seeded " + count + " articles of " + body.length() + " characters into " + file);
    }
}
