package io.bantin.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The build's training run for an application class-data archive (AppCDS): starts the portal on a
 * throw-away database and a free loopback port, requests each kind of page once, and stops. Run
 * under {@code -XX:ArchiveClassesAtExit=bantin-server.jsa} with the shaded jar as the class path,
 * the JVM then writes the classes this loaded, parsed and verified, and a server started with
 * {@code -XX:SharedArchiveFile=bantin-server.jsa} maps them instead of loading them again: startup
 * takes about half the CPU time. Not part of the server's behaviour; the build runs it.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    /**
     * Runs the training; exits non-zero if a page did not answer as expected.
     *
     * @param args none
     * @throws Exception when the portal cannot start or a request fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bantin-cds-");
        try {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            // Through the same parsing as `java -jar`, so those classes are archived too.
            ServerConfig config = ServerConfig.parse(new String[] {"--demo"}, Map.of(
                    "BANTIN_HOST", "127.0.0.1",
                    "BANTIN_PORT", "0",
                    "BANTIN_DB", dir.resolve("training.db").toString(),
                    "BANTIN_ADMIN_PASSWORD", HexFormat.of().formatHex(secret)));
            Main.prepareProcess();
            try (BantinServer server = BantinServer.start(config)) {
                train(server.baseUrl());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void train(String base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String list = get(http, base + "/api/articles?page=1&size=1", 200);
        String slug = list.replaceAll("(?s).*?\"slug\":\"([^\"]+)\".*", "$1");
        for (String path : List.of("/health", "/", "/articles/" + slug, "/articles/" + slug + "/print",
                "/search?q=tinh", "/api/stats", "/api/articles/" + slug, "/feed.xml", "/sitemap.xml", "/robots.txt",
                "/login", "/widget.js")) {
            get(http, base + path, 200);
        }
        get(http, base + "/khong-co-trang-nay", 404);
        HttpResponse<String> hit = http.send(HttpRequest.newBuilder(URI.create(base + "/api/hits"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) bantin-cds-training")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/articles/" + slug + "\",\"articleSlug\":\"" + slug + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        expect(hit, 204, "/api/hits");
    }

    private static String get(HttpClient http, String url, int status) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) bantin-cds-training")
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        expect(r, status, url);
        return r.body();
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("training request " + what + " answered " + r.statusCode() + ", expected " + status);
        }
    }
}
