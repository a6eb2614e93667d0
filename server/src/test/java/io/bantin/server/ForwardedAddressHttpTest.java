package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.bantin.visit.ForwardedHeader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a trusted proxy (127.0.0.1 here) every forwarded value a client can smuggle through is
 * either an address or ignored for counting: the page and the hit never fail. And only the header
 * the operator named is believed.
 */
class ForwardedAddressHttpTest {
    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/131.0";
    static final String ARTICLE = "{\"title\":\"Khánh thành cầu Bến Đò\",\"slug\":\"cau-ben-do\","
            + "\"body\":\"<p>Cầu được khánh thành.</p>\",\"status\":\"published\"}";

    @Test
    void forwardedValuesThatAreNoAddressNeverFailThePageOrTheHit(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")))) {
            publish(portal);
            List<String> values = List.of("010.0.0.1", "unknown", "_hidden", "fe80::1%eth0", "[2001:db8::1]:443",
                    "garbage, 010.0.0.1", "1.2.3.4:80", "::ffff:1.2.3", "\"[::1]\"", "999.1.1.1");
            for (String value : values) {
                HttpResponse<String> page = portal.get("/articles/cau-ben-do", "User-Agent", UA, "X-Forwarded-For", value);
                assertThat(page.statusCode()).as(value).isEqualTo(200);
                HttpResponse<String> hit = portal.json("POST", "/api/hits", "{\"path\":\"/\"}",
                        "User-Agent", UA, "X-Forwarded-For", value);
                assertThat(hit.statusCode()).as(value + " " + hit.body()).isEqualTo(204);
            }
        }
    }

    @Test
    void withForwardedChosenTheProxysForwardedHeaderIsBelievedAndXForwardedForIgnored(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32"))
                .forwardedHeader(ForwardedHeader.FORWARDED))) {
            for (int i = 1; i <= 3; i++) {
                // The client's own X-Forwarded-For, passed through untouched by a proxy that writes Forwarded.
                assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA,
                        "X-Forwarded-For", "203.0.113." + i, "Forwarded", "for=\"198.51.100.7:1234\"").statusCode())
                        .isEqualTo(204);
            }
            assertThat(portal.stats().get("today").asLong()).as("one client, whatever X-Forwarded-For says").isEqualTo(1);
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA, "Forwarded", "for=198.51.100.8");
            assertThat(portal.stats().get("today").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aHeaderSentAsSeveralLinesIsReadWholeSoTheLineTheClientWroteDoesNotChooseItsAddress(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")))) {
            for (int i = 1; i <= 3; i++) {
                // The client's own line first, then the one a proxy that appends (HAProxy's option
                // forwardfor) adds as a line of its own: the proxy's line names the client.
                assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA,
                        "X-Forwarded-For", "203.0.113." + i, "X-Forwarded-For", "198.51.100.7").statusCode())
                        .isEqualTo(204);
            }
            assertThat(portal.stats().get("today").asLong()).as("one client, whatever its own line says").isEqualTo(1);
        }
    }

    @Test
    void forwardedSentAsSeveralLinesIsReadWholeToo(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32"))
                .forwardedHeader(ForwardedHeader.FORWARDED))) {
            for (int i = 1; i <= 3; i++) {
                portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA,
                        "Forwarded", "for=203.0.113." + i, "Forwarded", "for=198.51.100.7");
            }
            assertThat(portal.stats().get("today").asLong()).isEqualTo(1);
        }
    }

    @Test
    void byDefaultXForwardedForIsBelievedAndForwardedIgnored(@TempDir Path dir) {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")))) {
            for (int i = 1; i <= 3; i++) {
                portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA, "Forwarded", "for=198.51.100." + i);
            }
            assertThat(portal.stats().get("today").asLong()).isEqualTo(1);
            portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", UA, "X-Forwarded-For", "203.0.113.1");
            assertThat(portal.stats().get("today").asLong()).isEqualTo(2);
        }
    }

    static void publish(TestPortal portal) {
        TestPortal.Login login = portal.login();
        HttpResponse<String> r = portal.json("POST", "/api/articles", ARTICLE, login.headers());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}
