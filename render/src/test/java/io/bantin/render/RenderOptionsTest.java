package io.bantin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderOptionsTest {

    @Test
    void defaults() {
        RenderOptions o = RenderOptions.builder().build();
        assertThat(o.locale().getLanguage()).isEqualTo("vi");
        assertThat(o.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(o.assetPath()).isEqualTo("/assets/bantin");
        assertThat(o.groupingSeparator()).isNull();
        assertThat(o.statsRows()).containsExactly(StatsRow.values());
        assertThat(o.articlePath()).isEqualTo("/articles/");
    }

    @Test
    void articlePathIsConfigurableAndShapesTheArticleAddresses() {
        RenderOptions o = RenderOptions.builder().baseUrl("https://example.gov.vn").articlePath("/tin-tuc/bai-viet/").build();
        ArticleRenderer r = new ArticleRenderer(o);
        var a = io.bantin.article.Article.builder().id(7).slug("le-khai-giang").title("Lễ khai giảng")
                .status(io.bantin.article.Status.DRAFT).build();
        assertThat(r.articleUrl(a)).isEqualTo("https://example.gov.vn/tin-tuc/bai-viet/le-khai-giang");
        assertThat(r.printUrl(a)).isEqualTo("https://example.gov.vn/tin-tuc/bai-viet/le-khai-giang/print");
        for (String bad : new String[] {"articles", "/articles", "articles/", "//", "/a b/", "javascript:x/"}) {
            assertThatIllegalArgumentException().as(bad)
                    .isThrownBy(() -> RenderOptions.builder().articlePath(bad).build())
                    .withMessageContaining("articlePath");
        }
    }

    @Test
    void normalizesAndCopies() {
        Set<StatsRow> rows = EnumSet.of(StatsRow.TOTAL, StatsRow.ONLINE);
        RenderOptions o = RenderOptions.builder().baseUrl("https://example.gov.vn//").assetPath("/static/bantin/")
                .siteName("  Cổng  ").statsRows(rows).build();
        rows.clear();
        assertThat(o.baseUrl()).isEqualTo("https://example.gov.vn");
        assertThat(o.assetPath()).isEqualTo("/static/bantin");
        assertThat(o.siteName()).isEqualTo("Cổng");
        assertThat(o.statsRows()).containsExactly(StatsRow.ONLINE, StatsRow.TOTAL);
        assertThatThrownBy(() -> o.statsRows().add(StatsRow.TODAY)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(RenderOptions.builder().statsRows(List.of()).build().statsRows()).isEmpty();
        assertThat(RenderOptions.builder().assetPath("bantin-assets").build().assetPath()).isEqualTo("bantin-assets");
        assertThat(RenderOptions.builder().assetPath("https://cdn.example.vn/bantin/").build().assetPath())
                .isEqualTo("https://cdn.example.vn/bantin");
        assertThat(o).isEqualTo(RenderOptions.builder().baseUrl("https://example.gov.vn").assetPath("/static/bantin")
                .siteName("Cổng").statsRows(StatsRow.ONLINE, StatsRow.TOTAL).build());
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> RenderOptions.builder().locale(Locale.FRENCH).build())
                .withMessageContaining("locale");
        assertThatIllegalArgumentException().isThrownBy(() -> RenderOptions.builder().baseUrl("example.gov.vn").build())
                .withMessageContaining("baseUrl");
        assertThatIllegalArgumentException().isThrownBy(() -> RenderOptions.builder().baseUrl("javascript:alert(1)").build())
                .withMessageContaining("baseUrl");
        assertThatIllegalArgumentException().isThrownBy(() -> RenderOptions.builder().assetPath("javascript:alert(1)").build())
                .withMessageContaining("assetPath");
        assertThatIllegalArgumentException().isThrownBy(() -> RenderOptions.builder().siteName(" ").build())
                .withMessageContaining("siteName");
        assertThatIllegalArgumentException().isThrownBy(() -> RenderOptions.builder().groupingSeparator('1').build())
                .withMessageContaining("groupingSeparator");
        assertThatIllegalStateException().isThrownBy(() -> RenderOptions.builder().zone(ZoneId.of("UTC")).zone(ZoneId.of("UTC")))
                .withMessageContaining("zone");
        assertThatThrownBy(() -> RenderOptions.builder().locale(null)).isInstanceOf(NullPointerException.class);
    }
}
