package io.bantin.server;

import static io.bantin.visit.Generators.anyStrings;
import static io.bantin.visit.Generators.bigIntegersBetween;
import static io.bantin.visit.Generators.longsBetween;
import static io.bantin.visit.Generators.nullable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated input against one running server (127.0.0.1 trusted as a proxy, so forwarded addresses
 * are read): every answer is a success or a 4xx with the JSON error body, never a 5xx. Examples are
 * bounded so each property takes a few seconds, and so is shrinking, since every step of it is a
 * request. A failure names its seed; {@code -DQT_SEED=<seed>} replays it.
 */
class InputHttpProperties {
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 404, 413, 415);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static Path dir;
    private static TestPortal portal;
    private static TestPortal.Login login;
    private static long articleId;

    /** Each shrinking step is one or two requests: a failure is reported within seconds, not minutes. */
    private static QuickTheory qtHttp(int examples) {
        return qt().withExamples(examples).withShrinkCycles(1_000);
    }

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "input-properties");
        portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")));
        login = portal.login();
        HttpResponse<String> r = portal.json("POST", "/api/articles",
                "{\"title\":\"Bài mẫu\",\"status\":\"published\"}", login.headers());
        articleId = TestPortal.parse(r).get("id").asLong();
    }

    @AfterAll
    static void stop() throws IOException {
        portal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void dailyStatsAnswerTheRangeOrA400NamingTheDate() {
        qtHttp(300).forAll(dates(), dates()).checkAssert(InputHttpProperties::dailyStatsAnswerTheRangeOrA400NamingTheDate);
    }

    private static void dailyStatsAnswerTheRangeOrA400NamingTheDate(String from, String to) {
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

    @Test
    void aHitIsCountedOrRefusedWhateverItsBodyAndForwardedAddress() {
        qtHttp(300).forAll(hitBodies(), headerValues())
                .checkAssert(InputHttpProperties::aHitIsCountedOrRefusedWhateverItsBodyAndForwardedAddress);
    }

    private static void aHitIsCountedOrRefusedWhateverItsBodyAndForwardedAddress(String body, String forwardedFor) {
        HttpResponse<String> r = portal.json("POST", "/api/hits", body, "User-Agent", ApiHttpTest.UA,
                "X-Forwarded-For", forwardedFor);
        if (r.statusCode() != 204) {
            assertClientError(r, r.statusCode());
        }
    }

    @Test
    void anArticleIsSavedOrRefusedWithA400() {
        qtHttp(150).forAll(articleBodies()).checkAssert(InputHttpProperties::anArticleIsSavedOrRefusedWithA400);
    }

    private static void anArticleIsSavedOrRefusedWithA400(String body) {
        HttpResponse<String> created = portal.json("POST", "/api/articles", body, login.headers());
        if (created.statusCode() != 201) {
            assertClientError(created, 400);
        }
        HttpResponse<String> replaced = portal.json("PUT", "/api/articles/" + articleId, body, login.headers());
        if (replaced.statusCode() != 200) {
            assertClientError(replaced, 400);
        }
        boolean createdOk = created.statusCode() == 201;
        boolean replacedOk = replaced.statusCode() == 200;
        if (createdOk != replacedOk) {
            // The one rule that depends on the other articles: a slug already used by another
            // article is refused (the shared article may hold the slug a new one asks for, or the
            // article just created may hold the one the shared article asks for).
            HttpResponse<String> refused = createdOk ? replaced : created;
            JsonNode details = TestPortal.parse(refused).get("details");
            assertThat(details.size()).as(body + " -> " + refused.body()).isEqualTo(1);
            assertThat(details.path("slug").asText()).as(body + " -> " + refused.body()).contains("already used");
        }
    }

    @Test
    void aBaselineFrom0To10e15IsTakenAndAnythingElseIsA400() {
        qtHttp(200).forAll(numbers()).checkAssert(InputHttpProperties::aBaselineFrom0To10e15IsTakenAndAnythingElseIsA400);
    }

    private static void aBaselineFrom0To10e15IsTakenAndAnythingElseIsA400(String total) {
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

    private static Gen<String> dates() {
        Gen<String> near = longsBetween(-800, 800).map(d -> LocalDate.of(2026, 11, 27).plusDays(d).toString());
        Gen<String> anywhere = longsBetween(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                .map(d -> LocalDate.ofEpochDay(d).toString());
        Gen<String> edges = arbitrary().pick("1970-01-01", "1969-12-31", "9999-12-31", "+10000-01-01",
                "-999999999-01-01", "+999999999-12-31", "2026-02-30", "", "2026-1-1");
        return Generate.oneOf(near, anywhere, edges, anyStrings(20));
    }

    private static Gen<String> headerValues() {
        return Generate.oneOf(
                arbitrary().pick("010.0.0.1", "unknown", "_hidden", "fe80::1%eth0", "[2001:db8::1]:443", "1.2.3.4, 010.0.0.1"),
                strings().basicLatinAlphabet().ofLengthBetween(1, 60).assuming(s -> !s.isBlank()));
    }

    /** A JSON value of any kind, as text. */
    private static Gen<String> jsonValues() {
        Gen<String> text = anyStrings(40).map(InputHttpProperties::quote);
        return Generate.oneOf(text,
                arbitrary().pick("/", "/tin-tuc", "/" + "a".repeat(2100), "bai-mau", "null", "true", "[]", "{}", "[\"/\"]",
                        "1e400", "-0", "\"\"", "\" \"").map(v -> v.startsWith("/") || v.equals("bai-mau") ? quote(v) : v),
                longsBetween(Long.MIN_VALUE, Long.MAX_VALUE).map(Object::toString));
    }

    private static Gen<String> hitBodies() {
        Gen<String> object = nullable(jsonValues(), 30).zip(nullable(jsonValues(), 50),
                (path, slug) -> "{" + (path == null ? "" : "\"path\":" + path)
                        + (slug == null ? "" : (path == null ? "" : ",") + "\"articleSlug\":" + slug) + "}");
        return Generate.oneOf(object, object, object, arbitrary().pick("", "[]", "{", "null", "\"x\"", "{\"path\":\"/\"}}"));
    }

    private static Gen<String> articleBodies() {
        Gen<String> instant = Generate.oneOf(
                longsBetween(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                        .map(s -> quote(Instant.ofEpochSecond(s).toString())),
                arbitrary().pick("\"+300000000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"1900-01-01T00:00:00Z\"",
                        "\"2026-11-27T03:00:00Z\"", "\"soon\"", "\"\"", "null", "42"));
        Gen<String> status = arbitrary().pick("\"draft\"", "\"published\"", "\"scheduled\"", "\"archived\"", "\"deleted\"",
                "null", "7");
        Gen<String> title = Generate.oneOf(anyStrings(20).map(InputHttpProperties::quote),
                arbitrary().pick("\"Tin mới\"", quote("x".repeat(301)), "null", "[]", "{}"));
        Gen<String> tags = Generate.oneOf(lists().of(jsonValues()).ofSizeBetween(0, 4).map(l -> "[" + String.join(",", l) + "]"),
                jsonValues());
        return title.zip(status, instant, tags, jsonValues(),
                (t, s, p, g, slug) -> "{\"title\":" + t + ",\"status\":" + s + ",\"publishedAt\":" + p
                        + ",\"tags\":" + g + ",\"slug\":" + slug + ",\"body\":\"<p>Nội dung</p>\"}");
    }

    private static Gen<String> numbers() {
        return Generate.oneOf(
                longsBetween(Long.MIN_VALUE, Long.MAX_VALUE).map(Object::toString),
                longsBetween(0, 1_000_000_000_000_000L).map(Object::toString),
                bigIntegersBetween(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(Object::toString),
                arbitrary().pick("1000000000000000", "1000000000000001", "9223372036854775807", "9223372036854775808",
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
