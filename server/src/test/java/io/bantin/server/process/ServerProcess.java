package io.bantin.server.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bantin-server running as a real operating-system process ({@code java io.bantin.server.Main}
 * on this JVM's test classpath, so no packaged jar is needed), bound to 127.0.0.1 on a free port,
 * configured through its documented environment variables. Its console goes to a log file under
 * {@code target/process/}. Not thread-safe; one test drives one instance.
 */
final class ServerProcess implements AutoCloseable {

    /** Main class of bantin-server, named rather than referenced so the harness compiles alone. */
    static final String MAIN = "io.bantin.server.Main";

    /**
     * Bound on waiting for the first healthy answer: only catches hangs (a loaded CI machine can
     * be slow); speed is measured and asserted separately, see {@link StartupProcessTest}.
     */
    static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

    private static final Duration EXIT_LIMIT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startup;

    private ServerProcess(Process process, int port, Path log, Duration startup) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startup = startup;
    }

    /**
     * Starts the server and waits until {@code GET /health} answers 200.
     *
     * @param name     names the log file
     * @param database the SQLite file (kept across restarts by passing it again)
     * @param env      extra environment, e.g. {@code BANTIN_FLUSH_INTERVAL}; BANTIN_HOST/PORT/DB are set here;
     *                 a {@code null} value unsets a variable
     * @param args     extra command-line arguments, e.g. {@code --demo}
     * @throws AssertionError when it exits or is not healthy within {@link #STARTUP_LIMIT}; the
     *                        message carries the end of its log
     */
    static ServerProcess start(String name, Path database, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Files.createDirectories(target().resolve("process"));
        Path log = dir.resolve(name + "-" + port + ".log");

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("BANTIN_ADMIN_PASSWORD", "process-test-password");
        environment.putAll(env);
        ProcessBuilder builder = launcher(args, log, port, database, environment);

        long started = System.nanoTime();
        Process process = builder.start();
        Duration startup = awaitHealthy(process, port, log, started);
        return new ServerProcess(process, port, log, startup);
    }

    /** Like {@link #start(String, Path, Map, List)} with no extra arguments. */
    static ServerProcess start(String name, Path database, Map<String, String> env)
            throws IOException, InterruptedException {
        return start(name, database, env, List.of());
    }

    /** The port it listens on (127.0.0.1). */
    int port() {
        return port;
    }

    /** E.g. {@code http://127.0.0.1:40123}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Time from launching the JVM to the first 200 from {@code /health}. */
    Duration startup() {
        return startup;
    }

    /** Its operating-system process id. */
    long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** kill -9: the process gets no chance to flush. Waits (bounded) until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * SIGTERM (what {@link Process#destroy()} sends on Linux): a graceful stop. Waits (bounded)
     * until it has exited.
     *
     * @return its exit code
     */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /** Everything it has written to its console (standard output and error) so far. */
    String console() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The last lines of its console, for failure messages. */
    String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Its whole console output so far. */
    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Kills it if still running (bounded wait; an interrupt is kept for the caller). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("server did not exit within " + EXIT_LIMIT + "\n" + logTail());
        }
        return process.exitValue();
    }

    private static Duration awaitHealthy(Process process, int port, Path log, long startedNanos)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500))
                .build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = startedNanos + STARTUP_LIMIT.toNanos();
        String last = "no answer";
        // Bounded by the deadline; each round is a few ms.
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue()
                        + " before answering /health\n" + tail(log));
            }
            try {
                HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(5);
        }
        process.destroyForcibly();
        throw new AssertionError("no 200 from /health within " + STARTUP_LIMIT + " (last: " + last + ")\n"
                + tail(log));
    }

    /** A port that was free a moment ago on 127.0.0.1 (the server binds it right after). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * The classpath this test JVM runs with. Surefire may start the JVM through a manifest-only
     * jar; its {@code surefire.test.class.path} property then holds the real list.
     */
    static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classpath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The server module's {@code target/}. */
    static Path target() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }

    /** A duration as the server's settings take it (ISO-8601, e.g. {@code PT1S}). */
    static String duration(Duration duration) {
        return duration.toString();
    }

    /** What a short-lived run printed and how it ended. */
    record Exit(int code, String output) {
    }

    /**
     * Runs the server's main class with {@code args} and waits (at most 20 s) for it to exit, e.g.
     * for {@code --help} or a bad setting.
     */
    static Exit runToExit(String name, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(target().resolve("process"));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = launcher(args, log, freePort(), dir.resolve(name + ".db"), env);
        Process process = builder.start();
        if (!process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(String.join(" ", args) + " did not exit within " + EXIT_LIMIT + "\n" + tail(log));
        }
        return new Exit(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * The server's main class on the test class path, output to {@code log}, bound to 127.0.0.1 and
     * {@code port} with {@code database}; no BANTIN_ variable of the calling environment leaks in,
     * {@code env} is added last.
     */
    private static ProcessBuilder launcher(List<String> args, Path log, int port, Path database, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(testClasspath());
        command.add(MAIN);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("BANTIN_"));
        environment.put("BANTIN_HOST", "127.0.0.1");
        environment.put("BANTIN_PORT", Integer.toString(port));
        environment.put("BANTIN_DB", database.toAbsolutePath().toString());
        // A null value unsets the variable (e.g. BANTIN_ADMIN_PASSWORD, which start() sets by default).
        env.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        return builder;
    }

    /**
     * A site time zone, as a fixed offset such as {@code -03:00}, in which it is now between 12:00
     * and 13:00: a process test that asserts today's and yesterday's figures on the real clock runs
     * for minutes, so it never straddles the site's midnight, whenever it runs.
     */
    static String zoneAtNoon() {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(12 - utcHour + 12, 24) - 12; // -12..+11 hours: 12 o'clock there
        return ZoneOffset.ofHours(offset).getId();
    }

    /** An environment map in insertion order, for readable test setup. */
    static Map<String, String> env(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up: " + List.of(keyValues));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
