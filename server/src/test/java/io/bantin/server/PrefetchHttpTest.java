package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Prefetches, prerenders and link previews fetch pages nobody has read: they move no figure. */
class PrefetchHttpTest {
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";

    @TempDir
    static Path dir;
    static TestPortal portal;
    static String slug;

    @BeforeAll
    static void start() {
        portal = TestPortal.start(dir, true);
        slug = TestPortal.parse(portal.get("/api/articles?size=1")).get("items").get(0).get("slug").asText();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static Stream<Arguments> speculativeHeaders() {
        return Stream.of(
                Arguments.of("Sec-Purpose", "prefetch"),
                Arguments.of("Sec-Purpose", "prefetch;prerender"),
                Arguments.of("Sec-Purpose", "prefetch;anonymous-client-ip"),
                Arguments.of("Purpose", "prefetch"),
                Arguments.of("X-Purpose", "preview"),
                Arguments.of("X-Moz", "prefetch"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("speculativeHeaders")
    void aPrefetchedArticlePageAndHitChangeNoFigure(String header, String value) {
        String ua = BROWSER + " " + header + "=" + value;
        Figures before = Figures.read();

        HttpResponse<String> page = portal.get("/articles/" + slug, "User-Agent", ua, header, value);
        HttpResponse<String> hit = portal.json("POST", "/api/hits", "{\"articleSlug\":\"" + slug + "\"}",
                "User-Agent", ua, header, value);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(hit.statusCode()).isEqualTo(204);
        assertThat(Figures.read()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WhatsApp/2.23.20.0 A", "Viber", "TelegramBot (like TwitterBot)", "Twitterbot/1.0",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Facebot",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
        "Iframely/1.3.1 (+https://iframely.com/docs/about)"})
    void aLinkPreviewOfTheArticleChangesNoFigure(String agent) {
        Figures before = Figures.read();

        HttpResponse<String> page = portal.get("/articles/" + slug, "User-Agent", agent);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Figures.read()).isEqualTo(before);
    }

    @Test
    void theSameArticlePageWithoutAMarkStillCounts() {
        Figures before = Figures.read();

        portal.get("/articles/" + slug, "User-Agent", BROWSER + " plain-reader", "Sec-Purpose", "");

        Figures after = Figures.read();
        assertThat(after.today()).isEqualTo(before.today() + 1);
        assertThat(after.views()).isEqualTo(before.views() + 1);
    }

    /** Every public figure a hit can move, flushed so the stored ones are current. */
    record Figures(long today, long online, long total, long views, long pageViews) {
        static Figures read() {
            portal.server.counter().flush();
            JsonNode stats = portal.stats();
            JsonNode day = TestPortal.parse(portal.get("/api/stats/daily?from=2026-11-27&to=2026-11-27")).get(0);
            return new Figures(stats.get("today").asLong(), stats.get("online").asLong(), stats.get("total").asLong(),
                    TestPortal.parse(portal.get("/api/articles/" + slug)).get("views").asLong(),
                    day == null ? 0 : day.get("pageViews").asLong());
        }
    }
}
