package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD, method override and caching of pages rendered for a session, over real HTTP. */
class HttpHygieneHttpTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";

    @TempDir
    static Path dir;
    static TestPortal portal;
    static String slug;
    static long id;

    @BeforeAll
    static void start() {
        portal = TestPortal.start(dir, true);
        var first = TestPortal.parse(portal.get("/api/articles?size=1")).get("items").get(0);
        slug = first.get("slug").asText();
        id = first.get("id").asLong();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void headAnswersWhatGetAnswersOnEveryRouteWithoutASession() {
        List<String> paths = List.of("/admin", "/admin/articles", "/admin/articles/new", "/admin/articles/" + id + "/edit",
                "/login", "/", "/search?q=a", "/health", "/metrics", "/api/stats", "/api/articles", "/api/articles/" + slug,
                "/feed.xml", "/robots.txt", "/widget.js", "/khong-co-trang-nay");
        for (String path : paths) {
            HttpResponse<String> get = portal.get(path, "User-Agent", UA);
            HttpResponse<String> head = head(path);
            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
            assertThat(head.headers().firstValue("Location")).as("HEAD " + path).isEqualTo(get.headers().firstValue("Location"));
            assertThat(head.body()).as("HEAD " + path).isEmpty();
        }
        assertThat(head("/admin").statusCode()).as("redirected to the login").isEqualTo(303);
    }

    @Test
    void aMethodOverrideHeaderIsIgnored() {
        TestPortal.Login login = portal.login();

        HttpResponse<String> overridden = portal.send("POST", "/api/articles/" + id, null, null,
                "Cookie", login.cookie(), "X-CSRF-Token", login.csrf(), "X-HTTP-Method-Override", "DELETE");
        HttpResponse<String> getAsDelete = portal.get("/api/articles/" + slug, "X-HTTP-Method-Override", "DELETE");

        assertThat(overridden.statusCode()).isEqualTo(405);
        assertThat(getAsDelete.statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/articles/" + slug).statusCode()).isEqualTo(200);
    }

    @Test
    void everyResponseForASessionIsPrivateAndVariesByCookie() {
        HttpResponse<String> loginResponse = portal.json("POST", "/api/login",
                "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}");
        assertPrivate("POST /api/login", loginResponse);
        String cookie = loginResponse.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        for (String path : List.of("/admin", "/admin/articles", "/admin/articles/new", "/admin/articles/" + id + "/edit",
                "/", "/articles/" + slug, "/api/articles", "/api/stats")) {
            HttpResponse<String> r = portal.get(path, "Cookie", cookie, "User-Agent", UA);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertPrivate(path, r);
        }
    }

    @Test
    void anonymousPagesKeepTheirOwnCaching() {
        HttpResponse<String> article = portal.get("/articles/" + slug, "User-Agent", UA);

        assertThat(article.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(article.headers().allValues("Vary")).noneMatch(v -> v.contains("Cookie"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersExactlyOnceWhetherHtmlJsonOrAnError() {
        TestPortal.Login login = portal.login();
        List<HttpResponse<String>> responses = List.of(
                portal.get("/", "User-Agent", UA),
                portal.get("/articles/" + slug, "User-Agent", UA),
                portal.get("/login"),
                portal.get("/admin", "Cookie", login.cookie()),
                portal.get("/api/stats"),
                portal.get("/api/articles/" + slug),
                portal.get("/khong-co-trang-nay", "User-Agent", UA),
                portal.get("/api/articles/khong-co"),
                portal.json("POST", "/api/articles", "{not json", login.headers()),
                portal.json("POST", "/api/articles", "{}"),
                portal.json("PUT", "/api/admin/baseline", "{\"total\":1}", "Cookie", login.cookie()),
                portal.send("PATCH", "/api/articles/" + id, "application/json", "{}", login.headers()));
        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 200, 200, 200, 404, 404,
                400, 401, 403, 405);
        for (HttpResponse<String> r : responses) {
            String what = r.request().method() + " " + r.request().uri().getPath() + " " + r.statusCode();
            assertThat(r.headers().allValues("Content-Security-Policy")).as(what).containsExactly(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
            assertThat(r.headers().allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
            assertThat(r.headers().allValues("Referrer-Policy")).as(what).containsExactly("strict-origin-when-cross-origin");
            assertThat(r.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        }
    }

    private static void assertPrivate(String what, HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Cache-Control")).as(what).hasValue("private, no-store");
        assertThat(String.join(",", r.headers().allValues("Vary"))).as(what).containsIgnoringCase("Cookie");
    }

    private static HttpResponse<String> head(String path) {
        return portal.send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), "User-Agent", UA);
    }
}
