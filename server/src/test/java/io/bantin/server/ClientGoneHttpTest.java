package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that goes away in the middle of its body is not the server's failure: no 500, no ERROR
 * line, no stack trace in the log, on any route that reads a body. The server logs with
 * slf4j-simple to System.err, which is captured here.
 */
class ClientGoneHttpTest {

    @Test
    void aBodyCutOffMidwayIsNoErrorOnAnyRouteThatReadsOne(@TempDir Path dir) throws Exception {
        try (TestPortal portal = TestPortal.start(dir, false)) {
            TestPortal.Login login = portal.login();
            String session = "Cookie: " + login.cookie() + "\r\nX-CSRF-Token: " + login.csrf() + "\r\n";
            List<String[]> requests = List.of(
                    new String[] {"POST /api/hits", "application/json", ""},
                    new String[] {"POST /api/login", "application/json", ""},
                    new String[] {"POST /api/articles", "application/json", session},
                    new String[] {"PUT /api/articles/1", "application/json", session},
                    new String[] {"PUT /api/admin/baseline", "application/json", session},
                    new String[] {"POST /login", "application/x-www-form-urlencoded", ""},
                    new String[] {"POST /admin/baseline", "application/x-www-form-urlencoded", session},
                    new String[] {"POST /admin/articles/new", "application/x-www-form-urlencoded", session});
            String log = capturingSystemErr(() -> {
                for (String[] r : requests) {
                    String answer = sendHalfABody(portal.server.port(), r[0], r[1], r[2]);
                    assertThat(answer).as(r[0]).doesNotStartWith("HTTP/1.1 500");
                }
                // The server still answers normally.
                assertThat(portal.json("POST", "/api/hits", "{\"path\":\"/\"}", "User-Agent", ApiHttpTest.UA).statusCode())
                        .isEqualTo(204);
            });
            assertThat(log).doesNotContain("ERROR", "Exception", "\tat ");
        }
    }

    /**
     * Sends the head of a request announcing 1,000 bytes, 10 of them, and ends the stream; returns
     * whatever the server answered before closing (possibly nothing). Reading to the end makes the
     * server's handling of the request finished before this returns.
     */
    private static String sendHalfABody(int port, String requestLine, String type, String headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: 1000\r\n" + headers + "\r\n{\"path\":\"/").getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capturingSystemErr(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
            // Shown in the test's output as well, so a failure can be read.
            original.print(captured.toString(StandardCharsets.UTF_8));
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
