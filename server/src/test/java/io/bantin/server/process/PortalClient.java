package io.bantin.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * A small HTTP client for one bantin-server: sends hits the way another portal's page would and
 * reads the JSON statistics. Thread-safe (java.net.http); give each simulated client its own
 * instance so each holds its own connection.
 */
final class PortalClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;

    PortalClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * A desktop-browser User-Agent that differs per visitor number, so that with one client IP
     * each number is a distinct visitor (identity is IP + User-Agent) and none looks like a bot.
     */
    static String browserUserAgent(int visitor) {
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0."
                + (visitor / 1000) + "." + (visitor % 1000) + " Safari/537.36";
    }

    /**
     * {@code POST /api/hits} with {@code {"path": path}}.
     *
     * @param headers extra request headers, e.g. a spoofed {@code X-Forwarded-For}
     * @return the status code (204 when counted)
     * @throws IOException when the server cannot be reached
     */
    int hit(String userAgent, String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/hits"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("path", path).toString()));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@link #hit(String, String, Map)} without extra headers. */
    int hit(String userAgent, String path) throws IOException, InterruptedException {
        return hit(userAgent, path, Map.of());
    }

    /** {@code GET /api/stats}, failing unless it answers 200. */
    JsonNode stats() throws IOException, InterruptedException {
        return getJson("/api/stats");
    }

    /** {@code GET /api/stats/daily?from=&to=}, failing unless it answers 200. */
    JsonNode daily(LocalDate from, LocalDate to) throws IOException, InterruptedException {
        return getJson("/api/stats/daily?from=" + from + "&to=" + to);
    }

    /** A GET whose answer must be 200 with a JSON body. */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
