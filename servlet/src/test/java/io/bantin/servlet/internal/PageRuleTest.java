package io.bantin.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageRuleTest {
    private final PageRule rule = new PageRule("/bantin", List.of("/admin", "/private/"));

    @Test
    void onlyGetRequestsOutsideThePrefixTheExcludedPathsAndStaticFilesMayCount() {
        assertThat(rule.mayCount("GET", "/")).isTrue();
        assertThat(rule.mayCount("GET", "/tin-tuc/bai-viet")).isTrue();
        assertThat(rule.mayCount("GET", "/v1.2/page")).as("a dot before the last slash is no extension").isTrue();
        assertThat(rule.mayCount("GET", "/report.html")).isTrue();
        assertThat(rule.mayCount("HEAD", "/")).isFalse();
        assertThat(rule.mayCount("POST", "/")).isFalse();
        assertThat(rule.mayCount("GET", "/bantin")).isFalse();
        assertThat(rule.mayCount("GET", "/bantin/api/stats")).isFalse();
        assertThat(rule.mayCount("GET", "/bantinx")).isTrue();
        assertThat(rule.mayCount("GET", "/admin")).isFalse();
        assertThat(rule.mayCount("GET", "/admin/users")).isFalse();
        assertThat(rule.mayCount("GET", "/administration")).isTrue();
        assertThat(rule.mayCount("GET", "/private/x")).isFalse();
        assertThat(rule.mayCount("GET", "/assets/site.CSS")).isFalse();
        assertThat(rule.mayCount("GET", "/favicon.ico")).isFalse();
        assertThat(rule.mayCount("GET", "/feed.xml")).isFalse();
    }

    @Test
    void anEmptyPrefixExcludesNothingOfItsOwn() {
        PageRule root = new PageRule("", List.of());
        assertThat(root.mayCount("GET", "/api/stats")).isTrue();
        assertThat(root.prefix()).isEmpty();
    }

    @Test
    void aPageIsA2xxAnswerWithHtmlInAnyCase() {
        assertThat(PageRule.isPage(200, "text/html; charset=utf-8")).isTrue();
        assertThat(PageRule.isPage(203, "TEXT/HTML")).isTrue();
        assertThat(PageRule.isPage(299, "text/html")).isTrue();
        assertThat(PageRule.isPage(199, "text/html")).isFalse();
        assertThat(PageRule.isPage(300, "text/html")).isFalse();
        assertThat(PageRule.isPage(404, "text/html")).isFalse();
        assertThat(PageRule.isPage(200, "text/plain")).isFalse();
        assertThat(PageRule.isPage(200, "text/htm")).isFalse();
        assertThat(PageRule.isPage(200, null)).isFalse();
    }

    @Test
    void aMalformedPrefixOrExcludedPathIsNamed() {
        for (String prefix : List.of("x", "/x/", "/a b", "/a?b", "/a#b")) {
            assertThatThrownBy(() -> new PageRule(prefix, List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + prefix + "\"");
        }
        assertThatThrownBy(() -> new PageRule("", List.of("admin"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"admin\"");
    }
}
