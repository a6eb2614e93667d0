package io.bantin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bantin.article.Article;
import io.bantin.visit.VisitStats;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class ArticleRendererTest {

    private static final String HOSTILE = "</h1><script>alert(1)</script>\"'><!-- </script><img src=x onerror=alert(2)> & ©";

    private final ArticleRenderer vi = new ArticleRenderer(RenderOptions.builder()
            .siteName("Cổng thông tin điện tử tỉnh").baseUrl("https://example.gov.vn/").build());
    private final ArticleRenderer en = new ArticleRenderer(RenderOptions.builder()
            .locale(Locale.ENGLISH).siteName("Provincial portal").baseUrl("https://example.gov.vn").build());

    private static Document fragment(String html) {
        return Jsoup.parseBodyFragment(html);
    }

    @Test
    void articleFragmentHasTheTitleDateBodySignatureSourceAndViews() {
        Document doc = fragment(vi.articleFragment(Samples.article(), Samples.VIEWS));
        Element article = doc.selectFirst("article.bantin-article");
        assertThat(article.attr("lang")).isEqualTo("vi");
        assertThat(article.select("h1")).hasSize(1);
        assertThat(article.selectFirst("h1").text()).isEqualTo("Tỉnh ủy sơ kết chuyển đổi số quý III");
        Element time = article.selectFirst(".bantin-article__date time");
        assertThat(time.attr("datetime")).isEqualTo("2026-11-27T10:08:00+07:00");
        assertThat(time.text()).isEqualTo("Thứ Sáu, 27/11/2026 10:08");
        assertThat(article.selectFirst(".bantin-article__summary").text()).startsWith("Sáng 27/11");
        assertThat(article.select(".bantin-article__body h2").text()).isEqualTo("Kết quả");
        assertThat(article.select(".bantin-article__body strong").text()).isEqualTo("82%");
        Element img = article.selectFirst(".bantin-article__image img");
        assertThat(img.attr("src")).isEqualTo("https://example.gov.vn/anh/hoi-nghi.jpg");
        assertThat(img.attr("alt")).isEqualTo("Quang cảnh hội nghị");

        Element signature = article.selectFirst("footer .bantin-signature");
        assertThat(signature.children()).hasSize(2);
        assertThat(signature.child(0).text()).isEqualTo("Nguyễn Thị Hồng Nhung");
        assertThat(signature.child(0).hasClass("bantin-signature__name")).isTrue();
        assertThat(signature.child(1).text()).isEqualTo("Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy");

        Element source = article.selectFirst(".bantin-source");
        assertThat(source.text()).isEqualTo("Nguồn: Văn phòng Tỉnh ủy");
        Element link = source.selectFirst("a");
        assertThat(link.attr("href")).isEqualTo("https://example.gov.vn/van-phong");
        assertThat(link.attr("rel")).isEqualTo("noopener noreferrer nofollow");

        assertThat(article.selectFirst(".bantin-views").text()).isEqualTo("Lượt xem: 1.234");
        assertThat(article.selectFirst(".bantin-permalink a").attr("href"))
                .isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        assertNoInlineScriptOrStyle(doc);
    }

    @Test
    void optionalPartsAreLeftOut() {
        Article bare = Samples.article().toBuilder().author(null).image(null).summary("")
                .source("Báo Nhân Dân", null).build();
        Document doc = fragment(vi.articleFragment(bare, 0));
        assertThat(doc.select(".bantin-signature, .bantin-article__image, .bantin-article__summary")).isEmpty();
        assertThat(doc.selectFirst(".bantin-source").text()).isEqualTo("Nguồn: Báo Nhân Dân");
        assertThat(doc.select(".bantin-source a")).isEmpty();
        assertThat(doc.selectFirst(".bantin-views__count").text()).isEqualTo("0");
        Article noSource = bare.toBuilder().source(null).author("Trần Văn Bình", null).build();
        Document doc2 = fragment(vi.articleFragment(noSource, 0));
        assertThat(doc2.select(".bantin-source")).isEmpty();
        assertThat(doc2.select(".bantin-signature > *")).hasSize(1);
    }

    @Test
    void englishDateAndNumbers() {
        Document doc = fragment(en.articleFragment(Samples.article(), 1_234_567));
        assertThat(doc.selectFirst("article").attr("lang")).isEqualTo("en");
        assertThat(doc.selectFirst("time").text()).isEqualTo("Friday, 27 November 2026 10:08");
        assertThat(doc.selectFirst(".bantin-views").text()).isEqualTo("Views: 1,234,567");
        assertThat(doc.selectFirst(".bantin-source").text()).startsWith("Source:");
        Elements fonts = doc.select(".bantin-toolbar__fonts button");
        assertThat(fonts).extracting(ArticleRendererTest::visibleText).containsExactly("A+", "A", "A-");
        assertThat(fonts).extracting(ArticleRendererTest::accessibleName)
                .containsExactly("A+ Larger text", "A Default text size", "A- Smaller text");
        assertThat(fonts).allSatisfy(b -> assertThat(accessibleName(b)).startsWith(visibleText(b)));
    }

    @Test
    void aNegativeViewCountIsRefusedNamingTheArgument() {
        assertThatThrownBy(() -> vi.articleFragment(Samples.article(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("views: 0 or more, got -1");
        assertThatThrownBy(() -> vi.printPage(Samples.article(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("views: 0 or more, got -1");
    }

    /** What a sighted reader sees: the button's text without its visually-hidden parts. */
    private static String visibleText(Element button) {
        Element copy = button.clone();
        copy.select(".bantin-sr-only").remove();
        return copy.text();
    }

    /** The accessible name as computed for a button: aria-label if present, else its whole text content. */
    private static String accessibleName(Element button) {
        return button.hasAttr("aria-label") ? button.attr("aria-label") : button.text();
    }

    @Test
    void datesFollowTheSiteZone() {
        ArticleRenderer utc = new ArticleRenderer(RenderOptions.builder().zone(java.time.ZoneOffset.UTC).build());
        Element time = fragment(utc.articleFragment(Samples.article(), Samples.VIEWS)).selectFirst("time");
        assertThat(time.text()).isEqualTo("Thứ Sáu, 27/11/2026 03:08");
        assertThat(time.attr("datetime")).isEqualTo("2026-11-27T03:08:00Z");
        Article sunday = Samples.article().toBuilder().publishedAt(java.time.Instant.parse("2026-11-28T17:00:00Z")).build();
        assertThat(fragment(vi.articleFragment(sunday, Samples.VIEWS)).selectFirst("time").text()).isEqualTo("Chủ Nhật, 29/11/2026 00:00");
    }

    @Test
    void toolbarButtonsAreRealButtonsWithAccessibleNames() {
        Document doc = fragment(vi.readerToolbar(Samples.article()));
        Element toolbar = doc.selectFirst("[data-bantin-toolbar]");
        assertThat(toolbar.attr("role")).isEqualTo("group");
        assertThat(toolbar.attr("aria-label")).isEqualTo("Công cụ đọc bài");
        Elements fonts = toolbar.select(".bantin-toolbar__fonts button");
        // SC 2.5.3 Label in Name: each accessible name starts with the visible text, so a speech
        // user can say "A+" and a screen reader user hears what the button does.
        assertThat(fonts).extracting(ArticleRendererTest::visibleText).containsExactly("A+", "A", "A-");
        assertThat(fonts).extracting(ArticleRendererTest::accessibleName)
                .containsExactly("A+ Tăng cỡ chữ", "A Cỡ chữ mặc định", "A- Giảm cỡ chữ");
        assertThat(fonts).allSatisfy(b -> assertThat(accessibleName(b)).startsWith(visibleText(b)));
        assertThat(fonts).allSatisfy(b -> assertThat(b.attr("type")).isEqualTo("button"));
        assertThat(toolbar.selectFirst(".bantin-toolbar__fonts").attr("aria-label")).isEqualTo("Cỡ chữ");
        Element contrast = toolbar.selectFirst("button[data-bantin-action=contrast]");
        assertThat(contrast.attr("type")).isEqualTo("button");
        assertThat(contrast.attr("aria-pressed")).isEqualTo("false");
        assertThat(contrast.text()).isEqualTo("Tăng / Giảm tương phản");
        Element print = toolbar.selectFirst("a[data-bantin-action=print]");
        assertThat(print.text()).isEqualTo("In bài viết");
        assertThat(print.attr("href")).isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii/print");
        Element status = toolbar.selectFirst("[data-bantin-status]");
        assertThat(status.attr("role")).isEqualTo("status");
        assertThat(status.attr("aria-live")).isEqualTo("polite");
        assertThat(toolbar.attr("data-bantin-status-font")).isEqualTo("Cỡ chữ {0}%");
        // the fragment embeds the same toolbar
        assertThat(fragment(vi.articleFragment(Samples.article(), Samples.VIEWS)).select("header [data-bantin-toolbar] button")).hasSize(4);
    }

    @Test
    void hostileTextIsEscapedInTextAttributesAndJsonLd() throws Exception {
        Article hostile = Samples.article().toBuilder().title(HOSTILE).summary(HOSTILE)
                .author(HOSTILE, HOSTILE).source(HOSTILE, "https://example.vn/?q='+onmouseover='alert(1)")
                .category(HOSTILE).tags(HOSTILE).image("https://example.vn/a.jpg?x='onerror='alert(1)", HOSTILE)
                .body("<p>ok</p><script>alert(3)</script><img src=x onerror=alert(4)>").build();

        Document frag = fragment(vi.articleFragment(hostile, Samples.VIEWS));
        assertThat(frag.selectFirst("h1").text()).isEqualTo(HOSTILE);
        assertThat(frag.selectFirst(".bantin-signature__name").text()).isEqualTo(HOSTILE);
        assertThat(frag.selectFirst(".bantin-source a").text()).isEqualTo(HOSTILE);
        assertThat(frag.selectFirst(".bantin-source a").attr("href")).isEqualTo("https://example.vn/?q='+onmouseover='alert(1)");
        assertThat(frag.selectFirst(".bantin-article__image img").attr("alt")).isEqualTo(HOSTILE);
        assertThat(frag.select("script, h1 img, [onerror]")).isEmpty();
        assertThat(frag.select("h1")).hasSize(1);
        assertNoInlineScriptOrStyle(frag);

        String head = vi.headTags(hostile);
        Document headDoc = Jsoup.parse("<html><head>" + head + "</head><body></body></html>");
        assertThat(headDoc.title()).isEqualTo(HOSTILE + " - Cổng thông tin điện tử tỉnh");
        assertThat(headDoc.selectFirst("meta[property=og:title]").attr("content")).isEqualTo(HOSTILE);
        assertThat(headDoc.selectFirst("meta[name=twitter:image:alt]").attr("content")).isEqualTo(HOSTILE);
        assertThat(headDoc.select("script")).hasSize(1);
        assertThat(headDoc.select("body *")).as("nothing escaped the head").isEmpty();
        assertThat(countOf(head.toLowerCase(Locale.ROOT), "</script")).isEqualTo(1);
        assertThat(countOf(head, "<!--")).isZero();

        JsonNode ld = new ObjectMapper().readTree(headDoc.selectFirst("script[type=application/ld+json]").data());
        assertThat(ld.get("headline").asText()).isEqualTo(HOSTILE);
        assertThat(ld.get("author").get("name").asText()).isEqualTo(HOSTILE);
        assertThat(ld.get("author").get("jobTitle").asText()).isEqualTo(HOSTILE);
        assertThat(ld.get("isBasedOn").get("name").asText()).isEqualTo(HOSTILE);
        assertThat(ld.get("articleSection").asText()).isEqualTo(HOSTILE);

        Document print = Jsoup.parse(vi.printPage(hostile, Samples.VIEWS));
        assertThat(print.title()).isEqualTo(HOSTILE + " - Cổng thông tin điện tử tỉnh");
        assertThat(print.selectFirst("h1").text()).isEqualTo(HOSTILE);
        assertThat(print.select("script:not([src])")).isEmpty();
    }

    private static int countOf(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void headTagsCarryMetadataAndNewsArticleJsonLd() throws Exception {
        Document doc = Jsoup.parse("<html><head>" + vi.headTags(Samples.article()) + "</head></html>");
        String url = "https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii";
        assertThat(doc.title()).isEqualTo("Tỉnh ủy sơ kết chuyển đổi số quý III - Cổng thông tin điện tử tỉnh");
        assertThat(doc.selectFirst("meta[name=description]").attr("content")).startsWith("Sáng 27/11, Ban Thường vụ");
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(url);
        assertThat(meta(doc, "og:type")).isEqualTo("article");
        assertThat(meta(doc, "og:url")).isEqualTo(url);
        assertThat(meta(doc, "og:locale")).isEqualTo("vi_VN");
        assertThat(meta(doc, "og:site_name")).isEqualTo("Cổng thông tin điện tử tỉnh");
        assertThat(meta(doc, "og:image")).isEqualTo("https://example.gov.vn/anh/hoi-nghi.jpg");
        assertThat(meta(doc, "article:published_time")).isEqualTo("2026-11-27T10:08:00+07:00");
        assertThat(meta(doc, "article:modified_time")).isEqualTo("2026-11-27T11:30:00+07:00");
        assertThat(doc.select("meta[property=article:tag]")).extracting(e -> e.attr("content"))
                .containsExactly("Chuyển đổi số", "Tỉnh ủy");
        assertThat(doc.selectFirst("meta[name=twitter:card]").attr("content")).isEqualTo("summary_large_image");

        JsonNode ld = new ObjectMapper().readTree(doc.selectFirst("script[type=application/ld+json]").data());
        assertThat(ld.get("@context").asText()).isEqualTo("https://schema.org");
        assertThat(ld.get("@type").asText()).isEqualTo("NewsArticle");
        assertThat(ld.get("headline").asText()).isEqualTo("Tỉnh ủy sơ kết chuyển đổi số quý III");
        assertThat(ld.get("url").asText()).isEqualTo(url);
        assertThat(ld.get("mainEntityOfPage").get("@id").asText()).isEqualTo(url);
        assertThat(ld.get("datePublished").asText()).isEqualTo("2026-11-27T10:08:00+07:00");
        assertThat(ld.get("dateModified").asText()).isEqualTo("2026-11-27T11:30:00+07:00");
        assertThat(ld.get("image").get(0).asText()).isEqualTo("https://example.gov.vn/anh/hoi-nghi.jpg");
        assertThat(ld.get("author").get("@type").asText()).isEqualTo("Person");
        assertThat(ld.get("author").get("name").asText()).isEqualTo("Nguyễn Thị Hồng Nhung");
        assertThat(ld.get("author").get("jobTitle").asText()).isEqualTo("Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy");
        assertThat(ld.get("isBasedOn").get("name").asText()).isEqualTo("Văn phòng Tỉnh ủy");
        assertThat(ld.get("isBasedOn").get("url").asText()).isEqualTo("https://example.gov.vn/van-phong");
        assertThat(ld.get("publisher").get("name").asText()).isEqualTo("Cổng thông tin điện tử tỉnh");
        assertThat(ld.get("inLanguage").asText()).isEqualTo("vi");

        Article noImage = Samples.article().toBuilder().image(null).summary("").build();
        Document plain = Jsoup.parse("<html><head>" + vi.headTags(noImage) + "</head></html>");
        assertThat(plain.selectFirst("meta[name=twitter:card]").attr("content")).isEqualTo("summary");
        assertThat(plain.select("meta[property=og:image]")).isEmpty();
        assertThat(plain.selectFirst("meta[name=description]").attr("content"))
                .isEqualTo("Hội nghị do đồng chí Bí thư Tỉnh ủy chủ trì. Kết quả Tỷ lệ hồ sơ trực tuyến đạt 82%.");
    }

    private static String meta(Document doc, String property) {
        return doc.selectFirst("meta[property=" + property + "]").attr("content");
    }

    @Test
    void longDescriptionsAreCutAtAWord() {
        Article a = Samples.article().toBuilder().summary("từ ".repeat(100)).build();
        Document doc = Jsoup.parse("<html><head>" + vi.headTags(a) + "</head></html>");
        String d = doc.selectFirst("meta[name=description]").attr("content");
        assertThat(d).endsWith("từ…").hasSizeLessThanOrEqualTo(161);
    }

    @Test
    void statsBoxShowsTheConfiguredRowsWithGroupedNumbers() {
        VisitStats values = new VisitStats(7, 12_165, 999, 1_000, 123_456, 98_765_432, 40_000, 321, Samples.PUBLISHED);
        Document doc = fragment(vi.statsBox(values));
        assertThat(doc.selectFirst("h2").text()).isEqualTo("Thống kê truy cập");
        assertThat(doc.select("dt")).extracting(Element::text)
                .containsExactly("Đang online", "Hôm nay", "Hôm qua", "Trong tuần", "Trong tháng", "Tất cả");
        assertThat(doc.select("dd")).extracting(Element::text)
                .containsExactly("7", "12.165", "999", "1.000", "123.456", "98.765.432");
        assertThat(doc.select("[data-bantin-stat]")).extracting(e -> e.attr("data-bantin-stat"))
                .containsExactly("online", "today", "yesterday", "this-week", "this-month", "total");

        ArticleRenderer spaced = new ArticleRenderer(RenderOptions.builder().groupingSeparator(' ')
                .statsRows(StatsRow.TOTAL, StatsRow.TODAY).build());
        Document two = fragment(spaced.statsBox(values));
        assertThat(two.select("dt")).extracting(Element::text).containsExactly("Hôm nay", "Tất cả");
        assertThat(two.select("dd")).extracting(Element::text).containsExactly("12 165", "98 765 432");

        Document english = fragment(en.statsBox(values));
        assertThat(english.selectFirst("h2").text()).isEqualTo("Visitor statistics");
        assertThat(english.select("dd").get(1).text()).isEqualTo("12,165");
    }

    @Test
    void numberFormatting() {
        assertThat(vi.formatNumber(0)).isEqualTo("0");
        assertThat(vi.formatNumber(12)).isEqualTo("12");
        assertThat(vi.formatNumber(123)).isEqualTo("123");
        assertThat(vi.formatNumber(1234)).isEqualTo("1.234");
        assertThat(vi.formatNumber(-1234567)).isEqualTo("-1.234.567");
        assertThat(vi.formatNumber(Long.MAX_VALUE)).isEqualTo("9.223.372.036.854.775.807");
    }

    @Test
    void bodyIsSanitizedEvenWhenTheArticleDidNotComeFromARepository() {
        Article raw = Samples.article().toBuilder()
                .body("<p>Đoạn</p><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>").build();
        Document doc = fragment(vi.articleFragment(raw, Samples.VIEWS));
        assertThat(doc.select(".bantin-article__body p").text()).isEqualTo("Đoạn");
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.selectFirst(".bantin-article__body a").hasAttr("href")).isFalse();
    }

    @Test
    void printPageIsAWholeCleanDocument() {
        Document doc = Jsoup.parse(vi.printPage(Samples.article(), Samples.VIEWS));
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("vi");
        assertThat(doc.title()).isEqualTo("Tỉnh ủy sơ kết chuyển đổi số quý III - Cổng thông tin điện tử tỉnh");
        assertThat(doc.selectFirst("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(doc.selectFirst("link[rel=canonical]").attr("href"))
                .isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        assertThat(doc.select("main h1")).hasSize(1);
        assertThat(doc.select("[data-bantin-toolbar]")).isEmpty();
        assertThat(doc.selectFirst("main .bantin-source").text()).isEqualTo("Nguồn: Văn phòng Tỉnh ủy");
        assertThat(doc.selectFirst("main .bantin-permalink").text())
                .isEqualTo("Địa chỉ bài viết: https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        assertThat(doc.selectFirst("button[data-bantin-action=print-now]").attr("type")).isEqualTo("button");
        assertThat(doc.selectFirst("link[href*=print.css]").attr("media")).isEqualTo("print");
        assertThat(doc.selectFirst("nav").attr("aria-label")).isNotBlank();
        assertNoInlineScriptOrStyle(doc);
    }

    @Test
    void headAssetsLoadPrefsBlockingAndReaderDeferred() {
        Document doc = Jsoup.parse("<html><head>" + vi.headAssets() + "</head></html>");
        Elements scripts = doc.select("script");
        assertThat(scripts).hasSize(2);
        assertThat(scripts.get(0).attr("src")).startsWith("/assets/bantin/prefs.js?v=");
        assertThat(scripts.get(0).hasAttr("defer")).isFalse();
        assertThat(scripts.get(1).attr("src")).startsWith("/assets/bantin/reader.js?v=");
        assertThat(scripts.get(1).hasAttr("defer")).isTrue();
        assertThat(doc.select("link[rel=stylesheet]")).extracting(e -> e.attr("href").replaceAll("\\?.*", ""))
                .containsExactly("/assets/bantin/reader.css", "/assets/bantin/print.css");
        assertNoInlineScriptOrStyle(doc);
    }

    @Test
    void renderingIsThreadSafe() throws Exception {
        String expected = vi.articleFragment(Samples.article(), Samples.VIEWS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> vi.articleFragment(Samples.article(), Samples.VIEWS)));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertNoInlineScriptOrStyle(Document doc) {
        assertThat(doc.select("style")).isEmpty();
        for (Element script : doc.select("script")) {
            assertThat(script.hasAttr("src") || script.attr("type").equals("application/ld+json"))
                    .as("inline script %s", script).isTrue();
        }
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute on %s", e.tagName()).isNotEqualTo("style").doesNotStartWith("on");
            }
        }
    }
}
