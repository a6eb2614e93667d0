package io.bantin.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** A running server on a random port over a temp SQLite file, with a fake clock and an HTTP client. */
final class TestPortal implements AutoCloseable {
    static final String PASSWORD = "test-password-123";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock;
    final BantinServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestPortal(MutableClock clock, BantinServer server) {
        this.clock = clock;
        this.server = server;
    }

    static TestPortal start(Path dir, boolean demo) {
        return start(dir, demo, b -> b);
    }

    static TestPortal start(Path dir, boolean demo, UnaryOperator<ServerConfig.Builder> tweak) {
        return start(dir, demo, new MutableClock(Instant.parse("2026-11-27T03:08:00Z")), tweak);
    }

    /** A server on this clock: several servers of one cluster share one. */
    static TestPortal start(Path dir, boolean demo, MutableClock clock, UnaryOperator<ServerConfig.Builder> tweak) {
        ServerConfig.Builder b = ServerConfig.builder()
                .port(0)
                .host("127.0.0.1")
                .database(dir.resolve("bantin.db"))
                .adminPassword(PASSWORD)
                .demo(demo)
                .clock(clock);
        return new TestPortal(clock, BantinServer.start(tweak.apply(b).build()));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    HttpResponse<String> json(String method, String path, String body, String... headers) {
        return send(method, path, "application/json", body, headers);
    }

    HttpResponse<String> form(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", body, headers);
    }

    /**
     * Submits the login form as a browser does: opens {@code /login} for the form's token (a cookie
     * and a hidden field), then posts the form with both.
     */
    HttpResponse<String> loginForm(String username, String password, String... headers) {
        HttpResponse<String> page = get("/login", headers);
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("bantin_login=")).findFirst()
                .orElseThrow(() -> new AssertionError("no login token cookie: " + page.headers()))
                .split(";")[0];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no token in the login form: " + page.body());
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Cookie";
        all[headers.length + 1] = cookie;
        return form("/login", map("csrfToken", m.group(1), "username", username, "password", password), all);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.statusCode() + " " + r.body(), e);
        }
    }

    /** Logs in through the API. */
    Login login() {
        HttpResponse<String> r = json("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Login(cookie, parse(r).get("csrfToken").asText());
    }

    record Login(String cookie, String csrf) {
        String[] headers() {
            return new String[] {"Cookie", cookie, "X-CSRF-Token", csrf};
        }
    }

    JsonNode stats() {
        return parse(get("/api/stats"));
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        server.close();
    }
}
