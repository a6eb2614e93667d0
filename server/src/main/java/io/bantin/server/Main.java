package io.bantin.server;

import java.util.Arrays;

/**
 * {@code java -jar bantin-server.jar}: reads the configuration, starts the portal and stops it
 * gracefully on SIGTERM (stop accepting, flush the counter, close the database). Exit codes: 0
 * after {@code --help} or a clean stop, 2 for a bad setting (one line naming it) or a PostgreSQL
 * that did not answer within {@code db-wait}, 1 when the server cannot start otherwise.
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
        // First: anything below may log, and the format is read with the first logger.
        nameLogLines(config.nodeName());
        prepareProcess();
        BantinServer server;
        try {
            server = BantinServer.start(config);
        } catch (ServerDatabase.DatabaseUnreachableException e) {
            // Like a bad setting: a supervisor restarting the process at once would not help.
            System.err.println("bantin: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("bantin: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bantin-shutdown"));
        System.out.println("bantin: serving " + server.baseUrl() + " (Ctrl+C to stop)");
    }

    /**
     * Process-wide settings that only shorten startup (each by tens of milliseconds, see
     * docs/benchmarks.md); a value the user set with {@code -D} wins.
     */
    static void prepareProcess() {
        SqliteNativeLibrary.useCache(SqliteNativeLibrary.defaultCacheRoot());
        // Jetty sizes a queue's padding by asking the platform MBean server whether references are
        // compressed, which starts JMX (~200 classes). They are below 32 GB of heap, the default.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, compressed ? "16" : "8");
        }
    }

    /**
     * Puts the node's name on every log line of this process. slf4j-simple has no per-line fields,
     * but its time format is a {@link java.text.SimpleDateFormat} pattern, where quoted text is
     * printed as it is: {@code 2026-12-03T08:00:00.000+07:00 node=web-1 [INFO] ...}. Set before the
     * first logger exists (the format is read once); a format given with {@code -D} wins.
     *
     * @param node a node name, which holds no quote (see {@link ServerConfig#nodeName()})
     */
    static void nameLogLines(String node) {
        if (System.getProperty(LOG_TIME_FORMAT) == null) {
            System.setProperty(LOG_TIME_FORMAT, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX' node=" + node + "'");
        }
    }

    static final String LOG_TIME_FORMAT = "org.slf4j.simpleLogger.dateTimeFormat";

    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private static String rootMessage(Throwable e) {
        Throwable t = Failures.rootCause(e);
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
