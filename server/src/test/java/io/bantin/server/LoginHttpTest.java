package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in over real HTTP while someone guesses passwords: the throttle per (user, address) and
 * per address, its {@code Retry-After}, and that nobody is locked out from elsewhere. The server
 * trusts 127.0.0.1 as a proxy, so {@code X-Forwarded-For} stands for the client's address.
 */
class LoginHttpTest {
    static final String ATTACKER = "203.0.113.66";
    static final String OWNER = "198.51.100.20";

    @TempDir
    Path dir;
    TestPortal portal;

    @BeforeEach
    void start() {
        portal = TestPortal.start(dir, false, b -> b.trustedProxies(List.of("127.0.0.1/32")));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    HttpResponse<String> apiLogin(String from, String user, String password) {
        return portal.json("POST", "/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                "X-Forwarded-For", from);
    }

    @Test
    void theOwnerLogsInFromAnotherAddressWhileAnAttackerIsThrottled() {
        for (int i = 0; i < 5; i++) {
            assertThat(apiLogin(ATTACKER, "admin", "guess" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> attacker = apiLogin(ATTACKER, "admin", TestPortal.PASSWORD);
        assertThat(attacker.statusCode()).isEqualTo(429);
        assertThat(attacker.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> owner = apiLogin(OWNER, "admin", TestPortal.PASSWORD);
        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(owner.headers().firstValue("Set-Cookie").orElse("")).startsWith("bantin_session=");
        // The owner's success does not free the attacker.
        assertThat(apiLogin(ATTACKER, "admin", TestPortal.PASSWORD).statusCode()).isEqualTo(429);
    }

    @Test
    void retryAfterCarriesTheRealWaitAndTheWaitEndsOnTime() {
        for (int i = 0; i < 5; i++) {
            apiLogin(ATTACKER, "admin", "guess" + i);
        }
        portal.clock.advance(Duration.ofSeconds(4));
        HttpResponse<String> throttled = apiLogin(ATTACKER, "admin", "guess5");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("6");
        assertThat(TestPortal.parse(throttled).get("details").get("retryAfterSeconds").asText()).isEqualTo("6");

        portal.clock.advance(Duration.ofMillis(5_999));
        assertThat(apiLogin(ATTACKER, "admin", "guess5").headers().firstValue("Retry-After")).contains("1");
        portal.clock.advance(Duration.ofMillis(1));
        assertThat(apiLogin(ATTACKER, "admin", "guess6").statusCode()).isEqualTo(401);
        // The sixth failure doubles the wait.
        assertThat(apiLogin(ATTACKER, "admin", "guess7").headers().firstValue("Retry-After")).contains("20");
    }

    @Test
    void theRightPasswordIsRefusedUntilTheLockoutEndsAndWorksTheMomentItDoes() {
        for (int i = 0; i < 5; i++) {
            assertThat(apiLogin(ATTACKER, "admin", "guess" + i).statusCode()).isEqualTo(401);
        }
        // The fifth failure locks this user out from this address for ten seconds.
        portal.clock.advance(Duration.ofMillis(2_500));
        HttpResponse<String> early = apiLogin(ATTACKER, "admin", TestPortal.PASSWORD);
        assertThat(early.statusCode()).isEqualTo(429);
        assertThat(early.headers().allValues("Retry-After")).as("7.5 s left, rounded up").containsExactly("8");

        portal.clock.advance(Duration.ofMillis(7_499));
        HttpResponse<String> last = apiLogin(ATTACKER, "admin", TestPortal.PASSWORD);
        assertThat(last.statusCode()).as("a millisecond before the end").isEqualTo(429);
        assertThat(last.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(setsASession(last)).isFalse();

        portal.clock.advance(Duration.ofMillis(1));
        HttpResponse<String> onTime = apiLogin(ATTACKER, "admin", TestPortal.PASSWORD);
        assertThat(onTime.statusCode()).as("at the end of the lockout").isEqualTo(200);
        assertThat(setsASession(onTime)).isTrue();
        assertThat(onTime.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void theLockoutDoublesUpToFifteenMinutesAndEndsOnTime() {
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            assertThat(apiLogin(ATTACKER, "admin", "guess" + i).statusCode()).as("guess %d", i).isEqualTo(401);
            if (i >= 4) {
                HttpResponse<String> refused = apiLogin(ATTACKER, "admin", TestPortal.PASSWORD);
                assertThat(refused.statusCode()).isEqualTo(429);
                String wait = refused.headers().firstValue("Retry-After").orElseThrow();
                waits.add(wait);
                if (i < 12) {
                    portal.clock.advance(Duration.ofSeconds(Long.parseLong(wait)));
                }
            }
        }
        assertThat(waits).containsExactly("10", "20", "40", "80", "160", "320", "640", "900", "900");
        HttpResponse<String> capped = portal.loginForm("admin", TestPortal.PASSWORD, "X-Forwarded-For", ATTACKER);
        assertThat(capped.statusCode()).isEqualTo(429);
        assertThat(capped.headers().allValues("Retry-After")).containsExactly("900");
        assertThat(capped.body()).contains("thử lại sau 15 phút");
        portal.clock.advance(Duration.ofSeconds(899));
        HttpResponse<String> oneLeft = portal.loginForm("admin", TestPortal.PASSWORD, "X-Forwarded-For", ATTACKER);
        assertThat(oneLeft.headers().allValues("Retry-After")).containsExactly("1");
        assertThat(oneLeft.body()).contains("thử lại sau 1 giây");
        portal.clock.advance(Duration.ofSeconds(1));
        assertThat(portal.loginForm("admin", TestPortal.PASSWORD, "X-Forwarded-For", ATTACKER).statusCode()).isEqualTo(303);
    }

    @Test
    void theFormIsThrottledTheSameWayAndTellsTheWaitInVietnamese() {
        for (int i = 0; i < 5; i++) {
            assertThat(portal.loginForm("admin", "sai" + i, "X-Forwarded-For", ATTACKER).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = portal.loginForm("admin", TestPortal.PASSWORD, "X-Forwarded-For", ATTACKER);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("10");
        assertThat(throttled.body()).contains("thử lại sau 10 giây");
        HttpResponse<String> owner = portal.loginForm("admin", TestPortal.PASSWORD, "X-Forwarded-For", OWNER);
        assertThat(owner.statusCode()).isEqualTo(303);
    }

    @Test
    void oneAddressTryingManyUserNamesIsThrottledForAllOfThem() {
        for (int i = 0; i < 20; i++) {
            assertThat(apiLogin(ATTACKER, "user" + i, "x").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> next = apiLogin(ATTACKER, "someone-else", "x");
        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(next.headers().firstValue("Retry-After")).contains("10");
        assertThat(apiLogin(OWNER, "admin", TestPortal.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void sixtyConcurrentWrongLoginsGetFivePasswordChecks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(60);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String guess = "guess" + i;
                statuses.add(pool.submit(() -> {
                    go.await();
                    return apiLogin(ATTACKER, "admin", guess).statusCode();
                }));
            }
            go.countDown();
            int checked = 0;
            int throttled = 0;
            for (Future<Integer> f : statuses) {
                int status = f.get(60, TimeUnit.SECONDS);
                // Only a checked password answers 401; a throttled attempt answers 429 unchecked.
                checked += status == 401 ? 1 : 0;
                throttled += status == 429 ? 1 : 0;
            }
            assertThat(checked).isEqualTo(5);
            assertThat(throttled).isEqualTo(55);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEditorWhoKeepsWorkingIsLoggedOutAtTheConfiguredLifetime(@TempDir Path other) {
        try (TestPortal short3h = TestPortal.start(other, false, b -> b.sessionLifetime(Duration.ofHours(3)))) {
            TestPortal.Login login = short3h.login();
            for (int i = 0; i < 5; i++) {
                short3h.clock.advance(Duration.ofMinutes(35));
                assertThat(short3h.get("/admin", "Cookie", login.cookie()).statusCode()).as("after %d min", (i + 1) * 35).isEqualTo(200);
            }
            short3h.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(short3h.get("/admin", "Cookie", login.cookie()).statusCode()).isEqualTo(200);
            short3h.clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> ended = short3h.get("/admin", "Cookie", login.cookie());
            assertThat(ended.statusCode()).isEqualTo(303);
            assertThat(ended.headers().firstValue("Location")).contains("/login");
        }
    }

    /** The login form's token cookie and hidden field, as {@code /login} hands them out. */
    String[] formToken() {
        HttpResponse<String> page = portal.get("/login");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bantin_login="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/login");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        return new String[] {cookie.split(";")[0], m.group(1)};
    }

    HttpResponse<String> postForm(String cookie, String token, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Cookie";
        all[headers.length + 1] = cookie;
        return portal.form("/login", TestPortal.map("csrfToken", token, "username", "admin", "password", TestPortal.PASSWORD), all);
    }

    static boolean setsASession(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("bantin_session="));
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefusedAndLogsNobodyIn() {
        String[] t = formToken();
        for (String[] header : List.of(new String[] {"Origin", "https://evil.example"}, new String[] {"Origin", "null"},
                new String[] {"Origin", "http://127.0.0.1:1"}, new String[] {"Referer", "https://evil.example/login.html"})) {
            HttpResponse<String> r = postForm(t[0], t[1], header);
            assertThat(r.statusCode()).as(header[0] + ": " + header[1]).isEqualTo(403);
            assertThat(setsASession(r)).as(header[0] + ": " + header[1]).isFalse();
        }
        HttpResponse<String> own = postForm(t[0], t[1], "Origin", portal.url(""), "Referer", portal.url("/login"));
        assertThat(own.statusCode()).isEqualTo(303);
        assertThat(setsASession(own)).isTrue();
    }

    @Test
    void aLoginFormWithoutItsTokenIsRefusedWithAFreshForm() {
        String[] t = formToken();
        HttpResponse<String> noCookie = portal.form("/login",
                TestPortal.map("csrfToken", t[1], "username", "admin", "password", TestPortal.PASSWORD));
        assertThat(noCookie.statusCode()).isEqualTo(403);
        assertThat(setsASession(noCookie)).isFalse();
        assertThat(noCookie.body()).contains("Biểu mẫu đăng nhập đã hết hạn", "name=\"csrfToken\"");
        HttpResponse<String> wrongField = postForm(t[0], "A".repeat(43));
        assertThat(wrongField.statusCode()).isEqualTo(403);
        assertThat(setsASession(wrongField)).isFalse();
        HttpResponse<String> noField = portal.form("/login", TestPortal.map("username", "admin", "password", TestPortal.PASSWORD),
                "Cookie", t[0]);
        assertThat(noField.statusCode()).isEqualTo(403);
        // The form hands out the token the browser holds, so two open login tabs both work.
        assertThat(postForm(t[0], t[1]).statusCode()).isEqualTo(303);
    }

    @Test
    void theConfiguredPublicOriginIsThisSiteEvenWhenTheProxyRewritesHost(@TempDir Path other) {
        try (TestPortal proxied = TestPortal.start(other, false, b -> b.baseUrl("https://tin.example.gov.vn"))) {
            HttpResponse<String> ok = proxied.json("POST", "/api/login",
                    "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}", "Origin", "https://tin.example.gov.vn");
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> evil = proxied.json("POST", "/api/login",
                    "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}", "Origin", "http://tin.example.gov.vn.evil.example");
            assertThat(evil.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theApiRefusesABrowserLoginFromAnotherSiteButServesScriptsThatSendNoOrigin() {
        String body = "{\"username\":\"admin\",\"password\":\"" + TestPortal.PASSWORD + "\"}";
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> evil = portal.json("POST", "/api/login", body.replace(TestPortal.PASSWORD, "guess" + i),
                    "Origin", "https://evil.example");
            assertThat(evil.statusCode()).isEqualTo(403);
            assertThat(TestPortal.parse(evil).get("details").get("header").asText()).isEqualTo("Origin");
            assertThat(setsASession(evil)).isFalse();
        }
        HttpResponse<String> referer = portal.json("POST", "/api/login", body, "Referer", "https://evil.example/");
        assertThat(referer.statusCode()).isEqualTo(403);
        assertThat(TestPortal.parse(referer).get("details").get("header").asText()).isEqualTo("Referer");
        assertThat(setsASession(referer)).isFalse();
        // Ten refused cross-site guesses counted nothing: the right password works at once.
        assertThat(portal.json("POST", "/api/login", body).statusCode()).isEqualTo(200);
        assertThat(portal.json("POST", "/api/login", body, "Origin", portal.url("")).statusCode()).isEqualTo(200);
    }
}
