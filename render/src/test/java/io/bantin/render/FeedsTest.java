package io.bantin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bantin.article.Article;
import io.bantin.article.ArticleKey;
import io.bantin.article.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FeedsTest {

    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private final ArticleRenderer renderer = new ArticleRenderer(RenderOptions.builder()
            .siteName("Cổng thông tin <điện tử> & tỉnh").baseUrl("https://example.gov.vn").build());

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }

    @Test
    void rssIsValidXmlWithTheRightValues() throws Exception {
        Article first = Samples.article().toBuilder()
                .title("Tiêu đề có <thẻ> & \"ngoặc\" \u0001 ký tự điều khiển").build();
        Article second = Samples.article().toBuilder().id(43).slug("tin-thu-hai").author(null).category(null)
                .publishedAt(Samples.PUBLISHED.minusSeconds(3600)).updatedAt(null).build();
        Document doc = parse(renderer.rss(List.of(first, second)));
        Element rss = doc.getDocumentElement();
        assertThat(rss.getTagName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element channel = (Element) rss.getElementsByTagName("channel").item(0);
        assertThat(Jsoup.parseBodyFragment(text(channel, "title")).text()).isEqualTo("Cổng thông tin <điện tử> & tỉnh");
        assertThat(text(channel, "link")).isEqualTo("https://example.gov.vn/");
        assertThat(text(channel, "language")).isEqualTo("vi");
        assertThat(ZonedDateTime.parse(text(channel, "lastBuildDate"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .isEqualTo(Samples.UPDATED);
        NodeList items = channel.getElementsByTagName("item");
        assertThat(items.getLength()).isEqualTo(2);
        Element item = (Element) items.item(0);
        assertThat(Jsoup.parseBodyFragment(text(item, "title")).text()).isEqualTo("Tiêu đề có <thẻ> & \"ngoặc\" ký tự điều khiển");
        assertThat(text(item, "link")).isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        Element guid = (Element) item.getElementsByTagName("guid").item(0);
        // RSS 2.0: a guid without isPermaLink is a permalink.
        assertThat(guid.getAttribute("isPermaLink")).isIn("", "true");
        assertThat(guid.getTextContent()).isEqualTo(text(item, "link"));
        assertThat(ZonedDateTime.parse(text(item, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .isEqualTo(Samples.PUBLISHED);
        assertThat(text(item, "description")).startsWith("Sáng 27/11");
        assertThat(item.getElementsByTagNameNS(DC, "creator").item(0).getTextContent()).isEqualTo("Nguyễn Thị Hồng Nhung");
        assertThat(text(item, "category")).isEqualTo("Thời sự");
        Element two = (Element) items.item(1);
        assertThat(two.getElementsByTagNameNS(DC, "creator").getLength()).isZero();
        assertThat(two.getElementsByTagName("category").getLength()).isZero();
    }

    /** Text that is HTML when read once: a tag, an escaped tag, quotes, a CDATA end, control characters. */
    private static final String HOSTILE = "<img src=x onerror=alert(1)> &lt;script&gt; \"q\" 'q' ]]> \u0001\u0008\uFFFE Việt";
    /** What a reader must show for it: the same text, without the characters XML cannot hold. */
    private static final String SHOWN = "<img src=x onerror=alert(1)> &lt;script&gt; \"q\" 'q' ]]> Việt";

    @Test
    void noTextInTheFeedBecomesATagInAReaderThatRendersHtml() throws Exception {
        Article summarised = Samples.article().toBuilder().title("Tiêu đề " + HOSTILE).summary("Tóm tắt " + HOSTILE)
                .category("Mục " + HOSTILE).author("Tác giả " + HOSTILE, null).build();
        // No summary: the description is the body's text, which shows a tag as text.
        Article bodyOnly = Samples.article().toBuilder().id(43).slug("tin-hai").summary("")
                .body("<p>Write &lt;img src=x onerror=alert(3)&gt; then &lt;script&gt;x()&lt;/script&gt; ]]&gt;</p>")
                .publishedAt(Samples.PUBLISHED.minusSeconds(60)).build();

        Channel channel = (Channel) new WireFeedInput().build(new StringReader(renderer.rss(List.of(summarised, bodyOnly))));

        assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
        List<Item> items = channel.getItems();
        assertThat(items).hasSize(2);
        Item first = items.get(0);
        assertShowsAsText(first.getTitle(), "Tiêu đề " + SHOWN);
        assertShowsAsText(first.getDescription().getValue(), "Tóm tắt " + SHOWN);
        assertShowsAsText(first.getCategories().get(0).getValue(), "Mục " + SHOWN);
        assertShowsAsText(((DCModule) first.getModule(DC)).getCreator(), "Tác giả " + SHOWN);
        assertShowsAsText(items.get(1).getDescription().getValue(),
                "Write <img src=x onerror=alert(3)> then <script>x()</script> ]]>");
        assertShowsAsText(channel.getTitle(), "Cổng thông tin <điện tử> & tỉnh");

        assertThat(first.getLink()).isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        assertThat(first.getGuid().getValue()).isEqualTo(first.getLink());
        assertThat(first.getGuid().isPermaLink()).isTrue();
        assertThat(first.getPubDate().toInstant()).isEqualTo(Samples.PUBLISHED);
        assertThat(items.get(1).getLink()).isEqualTo("https://example.gov.vn/articles/tin-hai");
        assertThat(items.get(1).getPubDate().toInstant()).isEqualTo(Samples.PUBLISHED.minusSeconds(60));
    }

    /** Parses the value as a feed reader that renders HTML would: no element, no attribute, the text as written. */
    private static void assertShowsAsText(String html, String text) {
        org.jsoup.nodes.Element body = Jsoup.parseBodyFragment(html).body();
        assertThat(body.children()).as("elements parsed from %s", html).isEmpty();
        assertThat(body.text()).isEqualTo(text);
    }

    @Test
    void emptyRssIsStillValid() throws Exception {
        Document doc = parse(renderer.rss(List.of()));
        assertThat(doc.getElementsByTagName("item").getLength()).isZero();
        assertThat(doc.getElementsByTagName("lastBuildDate").getLength()).isZero();
    }

    @Test
    void sitemapListsEveryArticleWithLastmod() throws Exception {
        Article a = Samples.article();
        Article b = a.toBuilder().id(2).slug("tin-hai").updatedAt(null).build();
        Document doc = parse(renderer.sitemap(List.of(a, b)));
        Element urlset = doc.getDocumentElement();
        assertThat(urlset.getLocalName()).isEqualTo("urlset");
        assertThat(urlset.getNamespaceURI()).isEqualTo(SITEMAP);
        NodeList urls = urlset.getElementsByTagNameNS(SITEMAP, "url");
        assertThat(urls.getLength()).isEqualTo(2);
        Element first = (Element) urls.item(0);
        assertThat(first.getElementsByTagNameNS(SITEMAP, "loc").item(0).getTextContent())
                .isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        assertThat(OffsetDateTime.parse(first.getElementsByTagNameNS(SITEMAP, "lastmod").item(0).getTextContent()).toInstant())
                .isEqualTo(Samples.UPDATED);
        Element second = (Element) urls.item(1);
        assertThat(OffsetDateTime.parse(second.getElementsByTagNameNS(SITEMAP, "lastmod").item(0).getTextContent()).toInstant())
                .isEqualTo(Samples.PUBLISHED);
    }

    @Test
    void sitemapRefusesMoreThanTheLimit() {
        List<Article> many = new ArrayList<>(Collections.nCopies(50_001, Samples.article()));
        assertThatIllegalArgumentException().isThrownBy(() -> renderer.sitemap(many)).withMessageContaining("50000");
    }
    @Test
    void aSitemapOfKeysListsTheArticlesAddressesAndUpdateTimes() throws Exception {
        ArticleKey a = ArticleKey.of(Samples.article());
        ArticleKey b = new ArticleKey(2, "tin-hai", Status.SCHEDULED, Samples.PUBLISHED, Samples.PUBLISHED);
        Element urlset = parse(renderer.sitemapOfKeys(List.of(a, b))).getDocumentElement();
        assertThat(urlset.getLocalName()).isEqualTo("urlset");
        assertThat(urlset.getNamespaceURI()).isEqualTo(SITEMAP);
        NodeList locs = urlset.getElementsByTagNameNS(SITEMAP, "loc");
        assertThat(locs.getLength()).isEqualTo(2);
        assertThat(locs.item(0).getTextContent()).isEqualTo("https://example.gov.vn/articles/tinh-uy-so-ket-chuyen-doi-so-quy-iii");
        assertThat(locs.item(1).getTextContent()).isEqualTo("https://example.gov.vn/articles/tin-hai");
        NodeList mods = urlset.getElementsByTagNameNS(SITEMAP, "lastmod");
        assertThat(OffsetDateTime.parse(mods.item(0).getTextContent()).toInstant()).isEqualTo(Samples.UPDATED);
        assertThat(OffsetDateTime.parse(mods.item(1).getTextContent()).toInstant()).isEqualTo(Samples.PUBLISHED);
        assertThat(renderer.sitemapOfKeys(List.of(a))).isEqualTo(renderer.sitemap(List.of(Samples.article())));
    }

    @Test
    void aSitemapIndexListsTheSitemapsWithTheirLastChange() throws Exception {
        Element index = parse(renderer.sitemapIndex(List.of(
                new SitemapLink("https://example.gov.vn/sitemap-1.xml", Samples.UPDATED),
                new SitemapLink("https://example.gov.vn/sitemap-2.xml", null)))).getDocumentElement();
        assertThat(index.getLocalName()).isEqualTo("sitemapindex");
        assertThat(index.getNamespaceURI()).isEqualTo(SITEMAP);
        NodeList sitemaps = index.getElementsByTagNameNS(SITEMAP, "sitemap");
        assertThat(sitemaps.getLength()).isEqualTo(2);
        Element first = (Element) sitemaps.item(0);
        assertThat(first.getElementsByTagNameNS(SITEMAP, "loc").item(0).getTextContent())
                .isEqualTo("https://example.gov.vn/sitemap-1.xml");
        assertThat(OffsetDateTime.parse(first.getElementsByTagNameNS(SITEMAP, "lastmod").item(0).getTextContent())
                .toInstant()).isEqualTo(Samples.UPDATED);
        assertThat(((Element) sitemaps.item(1)).getElementsByTagNameNS(SITEMAP, "lastmod").getLength()).isZero();
    }
}
