package io.bantin.server.process;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's baseline: an empty Javalin 7 route ({@code GET /ping} → {@code ok}) with the
 * same Javalin, Jetty and JVM as bantin-server, so that scripts/bench-http.sh can state bantin's
 * figures as ratios of what the bare framework does on the same machine in the same run. A second
 * route, {@code GET /bytes?n=9467}, answers a fixed HTML body of that many bytes (built once), so
 * that a page of bantin's can also be compared with merely sending the same number of bytes.
 * Listens on 127.0.0.1 only.
 */
public final class BaselineServer {

    private BaselineServer() {
    }

    /**
     * Starts the baseline and keeps it running until the process is stopped.
     *
     * @param args the port to listen on (127.0.0.1)
     * @throws NumberFormatException when the port is not a number
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7071;
        Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/ping", ctx -> ctx.result("ok"));
            cfg.routes.get("/bytes", ctx -> {
                int n = Math.max(1, Math.min(1 << 20, Integer.parseInt(ctx.queryParamAsClass("n", String.class)
                        .getOrDefault("1024"))));
                ctx.contentType("text/html; charset=utf-8");
                ctx.result(bodies.computeIfAbsent(n, BaselineServer::body));
            });
        }).start("127.0.0.1", port);
    }

    /** An HTML body of exactly {@code n} bytes of Vietnamese-looking text (multi-byte UTF-8). */
    private static byte[] body(int n) {
        byte[] unit = "<p>Tỉnh khởi công tuyến đường ven sông.</p>\n".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }
}
