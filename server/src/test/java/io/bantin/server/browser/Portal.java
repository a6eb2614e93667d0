package io.bantin.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bantin.server.BantinServer;
import io.bantin.server.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The portal under test: a {@link BantinServer} started in this JVM on a random 127.0.0.1 port
 * with a temporary SQLite file, the demo articles and a hand-moved clock, plus the HTTP calls the
 * browser tests make beside the browser. Thread-safe.
 */
public final class Portal {

    /** Password of the {@code admin} account in every browser test. */
    public static final String ADMIN_PASSWORD = "mat-khau-kiem-thu-2026";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BantinServer server;
    private final MutableClock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Portal(BantinServer server, MutableClock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** The running server. */
    public BantinServer server() {
        return server;
    }

    /** The server's clock; advance it to move the portal's time. */
    MutableClock clock() {
        return clock;
    }

    /** An absolute URL on the portal, e.g. {@code url("/search?q=x")}. */
    public String url(String path) {
        return server.baseUrl() + path;
    }

    /** GET a JSON document, failing unless the answer is 200. */
    public JsonNode json(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest published article, as the JSON API returns it. */
    public JsonNode newestArticle() {
        JsonNode items = json("/api/articles?page=1&size=1").path("items");
        if (items.isEmpty()) {
            throw new AssertionError("the demo portal has no published article");
        }
        return items.get(0);
    }

    /**
     * Records one hit through {@code POST /api/hits}, as another portal's page would.
     *
     * @return the status (204 when counted)
     */
    public int hit(String userAgent, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/hits")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("path", path).toString()))
                .build();
        return send(request).statusCode();
    }

    /** A path-safe query parameter. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Logs {@code admin} in through the login page, the way an editor does: from the "Đăng nhập"
     * link on the home page, filling the form and submitting it.
     */
    public void logIn(Browser browser) {
        browser.open(url("/"));
        browser.control("Đăng nhập").click();
        browser.waitUntil("login page did not open", () -> !browser.driver()
                .findElements(By.cssSelector("input[type=password]")).isEmpty());
        WebElement password = browser.driver().findElement(By.cssSelector("input[type=password]"));
        WebElement form = password.findElement(By.xpath("ancestor::form"));
        WebElement username = form.findElement(By.cssSelector(
                "input[name=username], input[autocomplete=username], input[type=text], input[type=email]"));
        username.clear();
        username.sendKeys("admin");
        password.sendKeys(ADMIN_PASSWORD);
        String loginUrl = browser.url();
        form.findElement(By.cssSelector("button[type=submit], input[type=submit], button:not([type])")).click();
        browser.waitUntil("still on the login page after submitting: " + loginUrl,
                () -> !browser.url().equals(loginUrl)
                        && browser.driver().findElements(By.cssSelector("input[type=password]")).isEmpty());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
