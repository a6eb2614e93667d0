package io.bantin.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferrerDomainsTest {

    private static String of(String referrer) {
        return ReferrerDomains.of(referrer, Set.of("baochinhphu.vn"));
    }

    @Test
    void onlyTheLowerCasedHostWithoutWwwIsKeptNeverThePathQueryPortOrUser() {
        assertThat(of("https://vnexpress.net/thoi-su/abc-123.html?utm=x#top")).isEqualTo("vnexpress.net");
        assertThat(of("https://WWW.Google.com.vn/search?q=secret")).isEqualTo("google.com.vn");
        assertThat(of("http://user:pass@m.facebook.com:8443/story.php")).isEqualTo("m.facebook.com");
        assertThat(of("android-app://com.google.android.gm/")).isEqualTo("com.google.android.gm");
        assertThat(of("https://zalo.me.")).isEqualTo("zalo.me");
        assertThat(of("http://[2001:db8::1]:8080/x")).isEqualTo("[2001:db8::1]");
    }

    @Test
    void noReferrerIsDirectTheSitesOwnHostIsInternalAndGarbageIsUnknown() {
        assertThat(of(null)).isEqualTo(Dimension.DIRECT);
        assertThat(of("  ")).isEqualTo(Dimension.DIRECT);
        assertThat(of("https://www.baochinhphu.vn/tin-moi")).isEqualTo(Dimension.INTERNAL);
        assertThat(of("https://sub.baochinhphu.vn/")).as("another host of the same domain").isEqualTo("sub.baochinhphu.vn");
        assertThat(of("not a url")).isEqualTo(Dimension.UNKNOWN);
        assertThat(of("https:///path-only")).isEqualTo(Dimension.UNKNOWN);
        assertThat(of("https://exa mple.com/")).isEqualTo(Dimension.UNKNOWN);
        assertThat(of("https://bad<script>.com/")).isEqualTo(Dimension.UNKNOWN);
        assertThat(of("https://" + "a".repeat(101) + ".vn/")).as("longer than a stored value").isEqualTo(Dimension.UNKNOWN);
        assertThat(of("://vnexpress.net/")).as("no scheme").isEqualTo(Dimension.UNKNOWN);
        assertThat(of("https://:8443/")).as("a port without a host").isEqualTo(Dimension.UNKNOWN);
        assertThat(of("http://[2001:db8::1/x")).as("an unclosed IPv6 literal").isEqualTo(Dimension.UNKNOWN);
    }

    @Test
    void aHostOfExactlyTheLongestStoredValueIsKeptAndOneCharacterMoreIsUnknown() {
        String longest = "a".repeat(Dimension.MAX_VALUE_LENGTH - 3) + ".vn";
        assertThat(of("https://" + longest + "/")).isEqualTo(longest);
        assertThat(of("https://www." + longest + "/")).as("www. is not part of the value").isEqualTo(longest);
        assertThat(of("https://a" + longest + "/")).isEqualTo(Dimension.UNKNOWN);
    }

    @Test
    void configuredOwnHostsAreComparedLowerCasedWithoutWww() {
        assertThat(ReferrerDomains.normalizeOwnHost(" WWW.Example.VN ")).isEqualTo("example.vn");
        assertThat(ReferrerDomains.of("https://example.vn/a", Set.of(ReferrerDomains.normalizeOwnHost("www.example.vn"))))
                .isEqualTo(Dimension.INTERNAL);
    }
}
