package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated input against one running server (127.0.0.1 trusted as a proxy, so forwarded addresses
 * are read): every answer is a success or a 4xx with the JSON error body, never a 5xx. Tries are
 * bounded so each property takes a few seconds.
 */
class InputHttpProperties {
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 404, 413, 415);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static Path dir;
    private static TestPortal portal;
    private static TestPortal.Login login;
    private static long articleId;

    @BeforeContainer
    static void start() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "input-properties");
        portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")));
        login = portal.login();
        HttpResponse<String> r = portal.json("POST", "/api/articles",
                "{\"title\":\"Bài mẫu\",\"status\":\"published\"}", login.headers());
        articleId = TestPortal.parse(r).get("id").asLong();
    }

    @AfterContainer
    static void stop() throws IOException {
        portal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 300)
    void dailyStatsAnswerTheRangeOrA400NamingTheDate(@ForAll("dates") String from, @ForAll("dates") String to) {
        HttpResponse<String> r = portal.get("/api/stats/daily?from=" + encode(from) + "&to=" + encode(to));
        // A blank date takes its default: to is today (the fake clock's date in the site's zone),
        // from is 29 days before to.
        LocalDate t = to.isBlank() ? TODAY : date(to);
        LocalDate f = from.isBlank() ? (t == null ? null : t.minusDays(29)) : date(from);
        boolean valid = f != null && t != null && !t.isBefore(f) && ChronoUnit.DAYS.between(f, t) < 366;
        if (valid) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(TestPortal.parse(r).size()).isEqualTo(ChronoUnit.DAYS.between(f, t) + 1);
        } else {
            assertClientError(r, 400);
            JsonNode details = TestPortal.parse(r).get("details");
            assertThat(details.has("from") || details.has("to")).as(r.body()).isTrue();
        }
    }

    @Property(tries = 300)
    void aHitIsCountedOrRefusedWhateverItsBodyAndForwardedAddress(@ForAll("hitBodies") String body,
            @ForAll("headerValues") String forwardedFor) {
        HttpResponse<String> r = portal.json("POST", "/api/hits", body, "User-Agent", ApiHttpTest.UA,
                "X-Forwarded-For", forwardedFor);
        if (r.statusCode() != 204) {
            assertClientError(r, r.statusCode());
        }
    }

    @Property(tries = 150)
    void anArticleIsSavedOrRefusedWithA400(@ForAll("articleBodies") String body) {
        HttpResponse<String> created = portal.json("POST", "/api/articles", body, login.headers());
        if (created.statusCode() != 201) {
            assertClientError(created, 400);
        }
        HttpResponse<String> replaced = portal.json("PUT", "/api/articles/" + articleId, body, login.headers());
        if (replaced.statusCode() != 200) {
            assertClientError(replaced, 400);
        }
        assertThat(replaced.statusCode()).as(body).isEqualTo(created.statusCode() == 201 ? 200 : 400);
    }

    @Property(tries = 200)
    void aBaselineFrom0To10e15IsTakenAndAnythingElseIsA400(@ForAll("numbers") String total) {
        HttpResponse<String> r = portal.json("PUT", "/api/admin/baseline", "{\"total\":" + total + "}", login.headers());
        BigDecimal n = number(total);
        boolean valid = n != null && n.scale() <= 0 && n.signum() >= 0
                && n.compareTo(new BigDecimal("1000000000000000")) <= 0 && !total.contains(".") && !total.contains("e");
        if (valid) {
            assertThat(r.statusCode()).as(total + " " + r.body()).isEqualTo(200);
            assertThat(TestPortal.parse(r).get("total").asLong()).isEqualTo(n.longValueExact());
            assertThat(portal.get("/api/stats").statusCode()).isEqualTo(200);
        } else {
            assertClientError(r, 400);
            assertThat(TestPortal.parse(r).get("details").has("total")).as(r.body()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> dates() {
        Arbitrary<String> near = Arbitraries.longs().between(-800, 800)
                .map(d -> LocalDate.of(2026, 11, 27).plusDays(d).toString());
        Arbitrary<String> anywhere = Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                .map(d -> LocalDate.ofEpochDay(d).toString());
        Arbitrary<String> edges = Arbitraries.of("1970-01-01", "1969-12-31", "9999-12-31", "+10000-01-01",
                "-999999999-01-01", "+999999999-12-31", "2026-02-30", "", "2026-1-1");
        return Arbitraries.oneOf(near, anywhere, edges, Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("010.0.0.1", "unknown", "_hidden", "fe80::1%eth0", "[2001:db8::1]:443", "1.2.3.4, 010.0.0.1"),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(60).filter(s -> !s.isBlank()));
    }

    /** A JSON value of any kind, as text. */
    private static Arbitrary<String> jsonValues() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).map(InputHttpProperties::quote);
        return Arbitraries.oneOf(text,
                Arbitraries.of("/", "/tin-tuc", "/" + "a".repeat(2100), "bai-mau", "null", "true", "[]", "{}", "[\"/\"]",
                        "1e400", "-0", "\"\"", "\" \"").map(v -> v.startsWith("/") || v.equals("bai-mau") ? quote(v) : v),
                Arbitraries.longs().map(Object::toString));
    }

    @Provide
    Arbitrary<String> hitBodies() {
        Arbitrary<String> object = Combinators.combine(jsonValues().injectNull(0.3), jsonValues().injectNull(0.5))
                .as((path, slug) -> "{" + (path == null ? "" : "\"path\":" + path)
                        + (slug == null ? "" : (path == null ? "" : ",") + "\"articleSlug\":" + slug) + "}");
        return Arbitraries.oneOf(object, object, object, Arbitraries.of("", "[]", "{", "null", "\"x\"", "{\"path\":\"/\"}}"));
    }

    @Provide
    Arbitrary<String> articleBodies() {
        Arbitrary<String> instant = Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                        .map(s -> quote(Instant.ofEpochSecond(s).toString())),
                Arbitraries.of("\"+300000000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"1900-01-01T00:00:00Z\"",
                        "\"2026-11-27T03:00:00Z\"", "\"soon\"", "\"\"", "null", "42"));
        Arbitrary<String> status = Arbitraries.of("\"draft\"", "\"published\"", "\"scheduled\"", "\"archived\"", "\"deleted\"",
                "null", "7");
        Arbitrary<String> title = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(InputHttpProperties::quote),
                Arbitraries.of("\"Tin mới\"", quote("x".repeat(301)), "null", "[]", "{}"));
        Arbitrary<String> tags = Arbitraries.oneOf(jsonValues().list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                jsonValues());
        return Combinators.combine(title, status, instant, tags, jsonValues())
                .as((t, s, p, g, slug) -> "{\"title\":" + t + ",\"status\":" + s + ",\"publishedAt\":" + p
                        + ",\"tags\":" + g + ",\"slug\":" + slug + ",\"body\":\"<p>Nội dung</p>\"}");
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object::toString),
                Arbitraries.longs().between(0, 1_000_000_000_000_000L).map(Object::toString),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(Object::toString),
                Arbitraries.of("1000000000000000", "1000000000000001", "9223372036854775807", "9223372036854775808",
                        "-1", "0", "1.5", "1e3", "1.0", "\"5\"", "null", "true", "[]", "{}"));
    }

    private static void assertClientError(HttpResponse<String> r, int expected) {
        assertThat(r.statusCode()).as(r.body()).isIn(CLIENT_ERRORS).isEqualTo(expected);
        JsonNode body = TestPortal.parse(r);
        assertThat(body.get("error").isTextual()).as(r.body()).isTrue();
        assertThat(body.get("details").isObject()).as(r.body()).isTrue();
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
    }

    /** The date the API accepts, or null. */
    private static LocalDate date(String text) {
        try {
            LocalDate d = LocalDate.parse(text.strip());
            return d.getYear() >= 1970 && d.getYear() <= 9999 ? d : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        try {
            return TestPortal.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
