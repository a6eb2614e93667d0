package io.bantin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleHtmlTest {

    private static final Set<String> ALLOWED = Set.of("p", "h2", "h3", "h4", "strong", "em", "b", "i", "u",
            "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "table", "caption", "thead",
            "tbody", "tfoot", "tr", "th", "td", "br", "hr");
    private static final Set<String> EXECUTABLE = Set.of("script", "iframe", "frame", "frameset", "object", "embed",
            "applet", "svg", "math", "style", "link", "meta", "base", "form", "input", "button", "textarea",
            "template", "noscript", "video", "audio", "source", "area", "map", "param");
    /** What a browser ignores inside a scheme: every whitespace and control character. */
    private static final Pattern IGNORED_IN_SCHEME = Pattern.compile("[\\x00-\\x20\\x7f]+");

    static Stream<String> vectors() throws IOException {
        try (InputStream in = ArticleHtmlTest.class.getResourceAsStream("xss-vectors.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.replace("\\n", "\n").replace("\\t", "\t").replace("\\0", "\0"))
                    .toList();
            return lines.stream();
        }
    }

    @Test
    void theCorpusIsLarge() throws IOException {
        assertThat(vectors().count()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void nothingExecutableSurvives(String vector) {
        String clean = ArticleHtml.sanitize(vector);
        assertSafe(clean);
        // Wrapped in harmless content too: the attack must not swallow or break its neighbours.
        String wrapped = ArticleHtml.sanitize("<p>Trước</p>" + vector + "<p>Sau</p>");
        assertSafe(wrapped);
        assertThat(ArticleHtml.sanitize(clean)).as("idempotent").isEqualTo(clean);
    }

    static void assertSafe(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().getAllElements()) {
            if (e == doc.body()) {
                continue;
            }
            assertThat(EXECUTABLE).as("element in %s", html).doesNotContain(e.normalName());
            assertThat(ALLOWED).as("element in %s", html).contains(e.normalName());
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute in %s", html).doesNotStartWith("on").isNotEqualTo("style")
                        .isNotEqualTo("srcset").isNotEqualTo("formaction").isNotEqualTo("background");
                if (name.equals("href") || name.equals("src") || name.equals("cite")) {
                    String url = IGNORED_IN_SCHEME.matcher(a.getValue()).replaceAll("").toLowerCase(Locale.ROOT);
                    assertThat(url).as("url in %s", html)
                            .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:")
                            .doesNotContain("javascript:");
                }
            }
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<iframe");
    }

    @Test
    void harmlessContentSurvives() {
        String html = """
                <h2>Kết quả nổi bật</h2>
                <p>Năm 2026, tỉnh đạt <strong>tăng trưởng</strong> <em>cao</em>, <b>ổn định</b>, <i>bền vững</i> và <u>toàn diện</u>.<br>Dòng mới.</p>
                <h3>Chỉ tiêu</h3><h4>Chi tiết</h4>
                <ul><li>Thu ngân sách</li><li>Đầu tư công</li></ul>
                <ol><li>Một</li><li>Hai</li></ol>
                <blockquote>Đoàn kết, dân chủ, kỷ cương.</blockquote>
                <p><a href="https://example.gov.vn/van-ban" title="Văn bản">Xem văn bản</a>
                   <a href="/bai-viet/tin-khac">Tin khác</a>
                   <a href="mailto:vanphong@example.gov.vn">Gửi thư</a>
                   <a href="//cdn.example.vn/tai-lieu.pdf">Tài liệu</a></p>
                <figure><img src="https://example.gov.vn/anh/hoi-nghi.jpg" alt="Quang cảnh hội nghị"><figcaption>Quang cảnh</figcaption></figure>
                <table><caption>Số liệu</caption><thead><tr><th scope="col">Chỉ tiêu</th><th colspan="2">Kết quả</th></tr></thead>
                <tbody><tr><td rowspan="2">GRDP</td><td>7,5%</td><td>Đạt</td></tr></tbody><tfoot><tr><td>Tổng</td></tr></tfoot></table>
                <hr>
                """;
        Document doc = Jsoup.parseBodyFragment(ArticleHtml.sanitize(html));
        assertThat(doc.select("h2").text()).isEqualTo("Kết quả nổi bật");
        assertThat(doc.select("h3, h4")).hasSize(2);
        assertThat(doc.select("strong, em, b, i, u")).hasSize(5);
        assertThat(doc.select("br, hr")).hasSize(2);
        assertThat(doc.select("ul > li")).hasSize(2);
        assertThat(doc.select("ol > li")).hasSize(2);
        assertThat(doc.select("blockquote").text()).isEqualTo("Đoàn kết, dân chủ, kỷ cương.");
        Element external = doc.selectFirst("a[href=https://example.gov.vn/van-ban]");
        assertThat(external.attr("rel")).isEqualTo("noopener noreferrer nofollow");
        assertThat(external.attr("title")).isEqualTo("Văn bản");
        assertThat(doc.selectFirst("a[href=//cdn.example.vn/tai-lieu.pdf]").attr("rel")).isEqualTo("noopener noreferrer nofollow");
        assertThat(doc.selectFirst("a[href=/bai-viet/tin-khac]").hasAttr("rel")).as("internal link").isFalse();
        assertThat(doc.selectFirst("a[href^=mailto:]").hasAttr("rel")).isFalse();
        Element img = doc.selectFirst("figure > img");
        assertThat(img.attr("src")).isEqualTo("https://example.gov.vn/anh/hoi-nghi.jpg");
        assertThat(img.attr("alt")).isEqualTo("Quang cảnh hội nghị");
        assertThat(doc.select("figcaption").text()).isEqualTo("Quang cảnh");
        assertThat(doc.select("table caption").text()).isEqualTo("Số liệu");
        assertThat(doc.selectFirst("th[scope=col]")).isNotNull();
        assertThat(doc.selectFirst("th").nextElementSibling().attr("colspan")).isEqualTo("2");
        assertThat(doc.selectFirst("td[rowspan]").attr("rowspan")).isEqualTo("2");
        assertThat(doc.select("tfoot td").text()).isEqualTo("Tổng");
        assertThat(ArticleHtml.sanitize(html)).contains("Kết quả nổi bật").doesNotContain("&#");
    }

    @Test
    void callerSuppliedRelAndTargetAreReplaced() {
        Document doc = Jsoup.parseBodyFragment(ArticleHtml.sanitize(
                "<a href='https://a.vn' rel='opener' target='_blank'>x</a><a href='/x' rel='opener'>y</a>"));
        assertThat(doc.select("a").get(0).attributes().asList()).extracting(Attribute::getKey).containsExactlyInAnyOrder("href", "rel");
        assertThat(doc.select("a").get(0).attr("rel")).isEqualTo("noopener noreferrer nofollow");
        assertThat(doc.select("a").get(1).hasAttr("rel")).isFalse();
    }

    @Test
    void strangeSpansAreDropped() {
        Document doc = Jsoup.parseBodyFragment(ArticleHtml.sanitize(
                "<table><tr><td colspan='0'>a</td><td colspan='1000'>b</td><td rowspan=' 3 '>c</td></tr></table>"));
        assertThat(doc.select("td[colspan]")).isEmpty();
        assertThat(doc.selectFirst("td[rowspan]").attr("rowspan")).isEqualTo("3");
    }

    @Test
    void plainTextIsEscapedNotInterpreted() {
        String clean = ArticleHtml.sanitize("Giá < 5 & > 3 \"ngoặc\"");
        assertThat(Jsoup.parseBodyFragment(clean).body().text()).isEqualTo("Giá < 5 & > 3 \"ngoặc\"");
        assertThat(ArticleHtml.sanitize("")).isEmpty();
    }
}
