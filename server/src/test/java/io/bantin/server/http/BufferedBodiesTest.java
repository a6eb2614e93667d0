package io.bantin.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BufferedBodies} in front of a plain Jetty handler that answers with the body's length. */
class BufferedBodiesTest {
    static final int MAX_BODY = 1000;
    static final long BUDGET = 2 * 1024;

    Server server;
    BufferedBodies bodies;
    int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        bodies = new BufferedBodies(MAX_BODY, Duration.ofSeconds(20), 0, Duration.ZERO, BUDGET);
        bodies.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String length = Integer.toString(Content.Source.asByteBuffer(request).remaining());
                response.write(true, ByteBuffer.wrap(length.getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.setHandler(bodies);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void bodiesThatStallBeforeTheirLastByteCannotHoldMoreThanTheBudget() throws Exception {
        // Each announces 1000 bytes and sends 999: its buffer is 1000 bytes. Two fit in 2 KiB, the third does not.
        try (Socket a = stalled(); Socket b = stalled(); Socket c = new Socket("127.0.0.1", port)) {
            Thread.sleep(200);
            assertThat(b.isConnected()).isTrue();
            c.setSoTimeout(5_000);
            send(c, 999);
            assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 503").contains("Retry-After: 5", "\"error\":");

            // The first one finishes; its bytes go back to the budget and a new body fits again.
            a.setSoTimeout(5_000);
            a.getOutputStream().write('x');
            assertThat(answer(a.getInputStream())).startsWith("HTTP/1.1 200").endsWith("1000");
        }
        Thread.sleep(200);
        assertThat(bodies.buffered()).isLessThanOrEqualTo(MAX_BODY);
        try (Socket d = new Socket("127.0.0.1", port)) {
            d.setSoTimeout(5_000);
            send(d, 1000);
            assertThat(answer(d.getInputStream())).startsWith("HTTP/1.1 200").endsWith("1000");
        }
    }

    private Socket stalled() throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        send(s, 999);
        return s;
    }

    private static void send(Socket s, int bytes) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + MAX_BODY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[bytes]);
        out.flush();
    }

    private static String answer(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            int headerEnd = sb.indexOf("\r\n\r\n");
            if (headerEnd >= 0 && (sb.indexOf("}") > headerEnd || sb.toString().endsWith("1000"))) {
                break;
            }
        }
        return sb.toString();
    }
}
