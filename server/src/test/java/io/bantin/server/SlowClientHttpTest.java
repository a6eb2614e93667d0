package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that announce a body and send it a byte at a time, on raw sockets. They must not hold
 * request threads, and a body that is too slow or too late is cut off with 408.
 *
 * <p>The load test runs {@code bantin.slow.clients} tricklers (default 100) for
 * {@code bantin.slow.seconds} (default 3); docs/benchmarks.md has the full-scale command.
 */
class SlowClientHttpTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    static final int CLIENTS = Integer.getInteger("bantin.slow.clients", 100);
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bantin.slow.seconds", 3));
    /** How long the test waits for a normal request's answer while the tricklers go on. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(2);
    /** One byte per trickler this often: the attack sent one every 5 s. */
    static final Duration TRICKLE = Duration.ofMillis(Integer.getInteger("bantin.slow.trickle-ms", 500));

    @Test
    void aHundredTricklingUploadsLeaveHealthPagesAndHitsAnsweringQuickly(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, true)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger connected = new AtomicInteger();
            AtomicInteger cutOff = new AtomicInteger();
            List<Thread> tricklers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread t = new Thread(() -> trickle(portal.server.port(), stop, connected, cutOff), "trickler-" + i);
                t.setDaemon(true);
                t.start();
                tricklers.add(t);
            }
            long deadline = System.nanoTime() + RUN.toNanos();
            while (connected.get() < CLIENTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(connected.get()).as("tricklers connected").isEqualTo(CLIENTS);

            List<Long> health = new ArrayList<>();
            List<Long> pages = new ArrayList<>();
            List<Long> hits = new ArrayList<>();
            int round = 0;
            while (System.nanoTime() < deadline || round < 5) {
                health.add(timed(portal, get(portal, "/health"), 200));
                pages.add(timed(portal, get(portal, "/"), 200));
                hits.add(timed(portal, get(portal, "/api/hits").header("Content-Type", "application/json")
                        .header("User-Agent", UA + " " + round++)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"path\":\"/trang\"}")), 204));
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread t : tricklers) {
                t.join(5_000);
            }

            System.out.printf("slow clients: %d tricklers for %s, %d cut off; median ms: health %.1f, page %.1f, hits %.1f"
                            + " (%d rounds)%n", CLIENTS, RUN, cutOff.get(), median(health) / 1e6, median(pages) / 1e6,
                    median(hits) / 1e6, health.size());
            assertThat(median(health)).as("/health median").isLessThan(Duration.ofMillis(100).toNanos());
            assertThat(median(pages)).as("home page median").isLessThan(Duration.ofMillis(100).toNanos());
            assertThat(median(hits)).as("/api/hits median").isLessThan(Duration.ofMillis(100).toNanos());
        }
    }

    @Test
    void aBodyArrivingSlowerThanTheMinimumRateIsCutOffWith408(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.bodyMinRate(1000).bodyRateGrace(Duration.ofMillis(300))
                .bodyTimeout(Duration.ofSeconds(20)))) {
            long start = System.nanoTime();
            String answer = trickleUntilAnswered(portal.server.port(), Duration.ofMillis(50), Duration.ofSeconds(10));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).startsWith("HTTP/1.1 408").contains("Connection: close", "\"error\":", "\"details\":{\"body\"");
            assertThat(millis).isBetween(300L, 3_000L);
            assertThat(portal.stats().get("today").asLong()).isZero();
        }
    }

    @Test
    void aBodyTakingLongerThanTheTimeoutIsCutOffWith408EvenAtAGoodRate(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.bodyMinRate(0).bodyTimeout(Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            String answer = trickleUntilAnswered(portal.server.port(), Duration.ofMillis(20), Duration.ofSeconds(10));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":");
            assertThat(millis).isBetween(1_000L, 4_000L);
        }
    }

    @Test
    void aBodyThatArrivesInPiecesInTimeIsHandledAsUsual(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false, b -> b.bodyMinRate(1).bodyRateGrace(Duration.ofMillis(200)))) {
            byte[] body = "{\"path\":\"/cham\"}".getBytes(StandardCharsets.US_ASCII);
            try (Socket s = new Socket("127.0.0.1", portal.server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(headers(body.length).getBytes(StandardCharsets.US_ASCII));
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(20);
                }
                assertThat(readAnswer(s.getInputStream())).startsWith("HTTP/1.1 204");
            }
            assertThat(portal.stats().get("today").asLong()).isEqualTo(1);
            HttpResponse<String> chunked = portal.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url("/api/hits")))
                    .header("Content-Type", "application/json").header("User-Agent", UA + " chunked")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream("{\"path\":\"/chunked\"}".getBytes(StandardCharsets.US_ASCII)))));
            assertThat(chunked.statusCode()).isEqualTo(204);
            assertThat(portal.stats().get("today").asLong()).isEqualTo(2);
        }
    }

    /** Announces a megabyte and sends a byte every {@link #TRICKLE}; reconnects when cut off. */
    private static void trickle(int port, AtomicBoolean stop, AtomicInteger connected, AtomicInteger cutOff) {
        boolean first = true;
        while (!stop.get()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(1);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(headers(1_048_000).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (first) {
                    connected.incrementAndGet();
                    first = false;
                }
                while (!stop.get()) {
                    out.write('x');
                    out.flush();
                    if (answered(in)) {
                        cutOff.incrementAndGet();
                        break;
                    }
                    Thread.sleep(TRICKLE.toMillis());
                }
            } catch (IOException e) {
                cutOff.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean answered(InputStream in) throws IOException {
        try {
            return in.read() != -2;
        } catch (SocketTimeoutException nothingYet) {
            return false;
        }
    }

    /** Sends one byte per interval until the server answers; returns the answer. */
    private static String trickleUntilAnswered(int port, Duration interval, Duration limit) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(headers(1_048_000).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.nanoTime() + limit.toNanos();
            s.setSoTimeout((int) interval.toMillis());
            while (System.nanoTime() < deadline) {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    s.setSoTimeout(2_000);
                    return readAnswer(s.getInputStream());
                }
                try {
                    int b = s.getInputStream().read();
                    if (b >= 0) {
                        s.setSoTimeout(2_000);
                        return (char) b + readAnswer(s.getInputStream());
                    }
                    return "";
                } catch (SocketTimeoutException nothingYet) {
                    // still reading our body
                }
            }
            throw new AssertionError("no answer within " + limit);
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (sb.indexOf("\r\n\r\n") >= 0 && (sb.indexOf("}") >= 0 || sb.toString().startsWith("HTTP/1.1 204"))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException done) {
            // what arrived is the answer
        }
        return sb.toString();
    }

    private static String headers(long length) {
        return "POST /api/hits HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + UA + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static java.net.http.HttpRequest.Builder get(TestPortal portal, String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.url(path))).header("User-Agent", UA)
                .timeout(ANSWER_LIMIT);
    }

    /** The request's time; one not answered within {@link #ANSWER_LIMIT} counts as that long. */
    private static long timed(TestPortal portal, java.net.http.HttpRequest.Builder request, int status) throws Exception {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = portal.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(status);
        } catch (java.net.http.HttpTimeoutException timedOut) {
            return ANSWER_LIMIT.toNanos();
        }
        return System.nanoTime() - start;
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

}
