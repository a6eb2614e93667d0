package io.bantin.server;

import java.util.Arrays;

/**
 * {@code java -jar bantin-server.jar}: reads the configuration, starts the portal and stops it
 * gracefully on SIGTERM (stop accepting, flush the counter, close the database). Exit codes: 0
 * after {@code --help} or a clean stop, 2 for a bad setting (one line naming it), 1 when the
 * server cannot start.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the server until the JVM is asked to stop.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(ServerConfig.help());
            System.exit(0);
            return;
        }
        ServerConfig config;
        try {
            config = ServerConfig.parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("bantin: " + e.getMessage());
            System.exit(2);
            return;
        }
        BantinServer server;
        try {
            server = BantinServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("bantin: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bantin-shutdown"));
        System.out.println("bantin: serving " + server.baseUrl() + " (Ctrl+C to stop)");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
