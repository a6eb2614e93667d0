package io.bantin.server.process;

import io.javalin.Javalin;

/**
 * The benchmark's baseline: an empty Javalin 7 route ({@code GET /ping} → {@code ok}) with the
 * same Javalin, Jetty and JVM as bantin-server, so that scripts/bench-http.sh can state bantin's
 * figures as ratios of what the bare framework does on the same machine in the same run.
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
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/ping", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", port);
    }
}
