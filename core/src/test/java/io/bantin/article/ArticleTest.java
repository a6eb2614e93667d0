package io.bantin.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleTest {

    static Article.Builder valid() {
        return Article.builder()
                .title("Tỉnh ủy tổ chức hội nghị sơ kết công tác quý III")
                .summary("Sáng nay, Tỉnh ủy tổ chức hội nghị sơ kết.")
                .body("<p>Nội dung</p>")
                .author("Nguyễn Văn An", "Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy")
                .source("Văn phòng Tỉnh ủy", "https://example.gov.vn/tin")
                .category("Tin tức")
                .tags("Hội nghị", "Tỉnh ủy")
                .status(Status.PUBLISHED)
                .publishedAt(Instant.parse("2026-11-27T03:08:00Z"));
    }

    @Test
    void instantsOutsideFourDigitYearsAreRefusedNamingTheRange() {
        for (String t : new String[] {"+300000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1899-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z"}) {
            ArticleValidationException e = catchThrowableOfType(ArticleValidationException.class,
                    () -> valid().publishedAt(Instant.parse(t)).build());
            assertThat(e.errors()).as(t).containsOnlyKeys("publishedAt");
            assertThat(e.errors().get("publishedAt")).isEqualTo("must be from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
        assertThat(valid().publishedAt(Article.LATEST).build().publishedAt()).isEqualTo(Article.LATEST);
        assertThat(valid().publishedAt(Article.EARLIEST).build().publishedAt()).isEqualTo(Article.EARLIEST);
    }

    @Test
    void reportsEveryBrokenFieldAtOnce() {
        ArticleValidationException e = catchThrowableOfType(ArticleValidationException.class, () -> Article.builder()
                .id(-1)
                .slug("Not A Slug")
                .title("  ")
                .summary("x".repeat(1001))
                .author("", "Chánh Văn phòng")
                .source("", "javascript:alert(1)")
                .category("c".repeat(101))
                .status(Status.SCHEDULED)
                .image("ftp://example.com/a.jpg", "")
                .build());
        assertThat(e.errors()).containsOnlyKeys("id", "slug", "title", "summary", "author.name", "source.text",
                "source.url", "category", "publishedAt", "image.url", "image.alt");
        assertThat(e.errors().get("title")).isEqualTo("required, at most 300 characters");
        assertThat(e.errors().get("publishedAt")).isEqualTo("required when the status is scheduled");
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title: required");
        assertThatThrownBy(() -> e.errors().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void titleLengthLimit() {
        valid().title("t".repeat(300)).build();
        assertThatThrownBy(() -> valid().title("t".repeat(301)).build())
                .isInstanceOfSatisfying(ArticleValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("title"));
    }

    @Test
    void slugsMustBeWellFormed() {
        for (String bad : List.of("-a", "a-", "a--b", "A", "ă", "a b", "a".repeat(81))) {
            assertThatThrownBy(() -> valid().slug(bad).build()).as(bad)
                    .isInstanceOfSatisfying(ArticleValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("slug"));
        }
        assertThat(valid().slug(" tin-moi-2 ").build().slug()).isEqualTo("tin-moi-2");
        assertThat(valid().slug(null).build().slug()).isEmpty();
    }

    @Test
    void urlsMustBeHttpOrHttps() {
        for (String bad : List.of("javascript:alert(1)", "data:text/html,x", "ftp://a.vn/x", "//a.vn/x", "/rel", "http://")) {
            assertThatThrownBy(() -> valid().source("Báo", bad).image(bad, "Ảnh").build()).as(bad)
                    .isInstanceOfSatisfying(ArticleValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("source.url", "image.url"));
        }
        Article ok = valid().source("Báo", "HTTPS://example.vn/a?b=c").image("http://example.vn/a.jpg", "Ảnh").build();
        assertThat(ok.source().url()).isEqualTo("HTTPS://example.vn/a?b=c");
    }

    @Test
    void tagsAreCopiedStrippedAndDeduplicated() {
        List<String> tags = new ArrayList<>(List.of(" Tỉnh ủy ", "tinh uy", "", "Hội nghị", "TỈNH ỦY"));
        tags.add(null);
        Article a = valid().tags(tags).build();
        tags.clear();
        assertThat(a.tags()).containsExactly("Tỉnh ủy", "Hội nghị");
        assertThatThrownBy(() -> a.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            many.add("tag " + i);
        }
        assertThatThrownBy(() -> valid().tags(many).build()).isInstanceOf(ArticleValidationException.class);
    }

    @Test
    void normalizesBlanks() {
        Article a = valid().summary(null).body(null).category("  ").source(" Báo Nhân Dân ", "  ")
                .author(" Trần Thị Bình ", " ").build();
        assertThat(a.summary()).isEmpty();
        assertThat(a.body()).isEmpty();
        assertThat(a.category()).isNull();
        assertThat(a.source()).isEqualTo(Source.of("Báo Nhân Dân"));
        assertThat(a.author()).isEqualTo(Author.of("Trần Thị Bình"));
    }

    @Test
    void builderRoundTripEqualsHashCodeAndToString() {
        Article a = valid().id(7).slug("hoi-nghi").image("https://example.vn/a.jpg", "Hội trường").build();
        Article b = a.toBuilder().build();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(b.toString()).isEqualTo(a.toString()).contains("hoi-nghi");
        assertThat(a.toBuilder().title("Khác").build()).isNotEqualTo(a);
    }

    @Test
    void visibility() {
        Instant t = Instant.parse("2026-11-27T03:08:00Z");
        Article scheduled = valid().status(Status.SCHEDULED).publishedAt(t).build();
        assertThat(scheduled.isVisibleAt(t.minusSeconds(1))).isFalse();
        assertThat(scheduled.isVisibleAt(t)).isTrue();
        assertThat(valid().status(Status.PUBLISHED).build().isVisibleAt(t)).isTrue();
        assertThat(valid().status(Status.DRAFT).build().isVisibleAt(t)).isFalse();
        assertThat(valid().status(Status.ARCHIVED).build().isVisibleAt(t)).isFalse();
    }

    @Test
    void statusIds() {
        for (Status s : Status.values()) {
            assertThat(Status.parse(s.id())).isSameAs(s);
            assertThat(Status.parse(" " + s.id().toUpperCase() + " ")).isSameAs(s);
        }
        assertThat(Status.SCHEDULED.id()).isEqualTo("scheduled");
        assertThatIllegalArgumentException().isThrownBy(() -> Status.parse("deleted")).withMessageContaining("deleted");
        assertThatNullPointerException().isThrownBy(() -> Status.parse(null));
    }

    @Test
    void queryAndPageRules() {
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleQuery.of(0, 10)).withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleQuery.of(1, 101)).withMessageContaining("size");
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleQuery.of(1, 0)).withMessageContaining("size");
        ArticleQuery q = new ArticleQuery(2, 10, "  ", " ", null);
        assertThat(q.text()).isNull();
        assertThat(q.categorySlug()).isNull();
        assertThat(q.offset()).isEqualTo(10);
        Page<String> p = new Page<>(List.of("a"), 2, 10, 21);
        assertThat(p.totalPages()).isEqualTo(3);
        assertThat(p.hasNext()).isTrue();
        assertThat(new Page<String>(List.of(), 1, 10, 0).totalPages()).isEqualTo(1);
    }
}
