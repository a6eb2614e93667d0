package io.bantin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderArticleDemoTest {

    @Test
    void writesAWorkingArticlePage(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trang/bai-viet.html");
        RenderArticleDemo.main(new String[] {out.toString()});

        Document doc = Jsoup.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("vi");
        assertThat(doc.title()).startsWith("Văn phòng Tỉnh ủy chủ động đổi mới phương thức phục vụ");
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href"))
                .isEqualTo("https://example.gov.vn/articles/van-phong-tinh-uy-chu-dong-doi-moi-phuong-thuc-phuc-vu");
        assertThat(doc.select("main article h1")).hasSize(1);
        assertThat(doc.selectFirst("time").text()).isEqualTo("Thứ Sáu, 27/11/2026 10:08");
        assertThat(doc.select("main button[type=button]")).hasSize(4);
        assertThat(doc.selectFirst(".bantin-signature__name").text()).isEqualTo("Phạm Quốc Khánh");
        assertThat(doc.selectFirst(".bantin-source").text()).isEqualTo("Nguồn: Văn phòng Tỉnh ủy");
        assertThat(doc.selectFirst(".bantin-views").text()).isEqualTo("Lượt xem: 12.165");
        assertThat(doc.select("aside .bantin-stats dd").eachText())
                .containsExactly("23", "1.482", "1.937", "9.604", "38.215", "2.612.047");
        assertThat(doc.select("script:not([src]):not([type=application/ld+json])")).isEmpty();
        assertThat(doc.select("[style]")).isEmpty();

        // Every asset the page links to was copied next to it.
        for (String ref : doc.select("link[rel=stylesheet]").eachAttr("href")) {
            assertThat(out.getParent().resolve(ref.replaceAll("\\?.*", ""))).isRegularFile();
        }
        for (String ref : doc.select("script[src]").eachAttr("src")) {
            assertThat(out.getParent().resolve(ref.replaceAll("\\?.*", ""))).isRegularFile();
        }
    }
}
