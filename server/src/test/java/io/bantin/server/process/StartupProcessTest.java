package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process starts, answers, and ends as documented: time from launching the JVM to the first
 * 200 on {@code /health} (measured and reported — the goal is 1 s — and only bounded at 10 s to
 * catch hangs, since a shared two-core machine makes timings noisy), {@code --help}, and exit
 * code 2 with one clear line for a bad setting.
 */
@Tag("process")
class StartupProcessTest {

    private static final int STARTS = 3;

    /** Generous on purpose: the goal is 1 s, but this only has to catch a startup that hangs. */
    private static final Duration HANG_BOUND = Duration.ofSeconds(10);

    @Test
    void startsAndAnswersHealthWithinTheBound(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("bantin.db");
        List<Duration> startups = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            // The first start creates and migrates the database and seeds the demo; the others reopen it.
            try (ServerProcess server = ServerProcess.start("startup-" + i, db, Map.of(), List.of("--demo"))) {
                startups.add(server.startup());
                assertThat(server.terminate()).as("exit code after SIGTERM\n%s", server.logTail())
                        .isIn(0, 143);
            }
        }
        String report = "startup to first 200 on /health (test classpath, fresh DB first): "
                + startups.stream().map(d -> d.toMillis() + " ms").collect(Collectors.joining(", "));
        System.out.println(report);
        Files.writeString(Files.createDirectories(ServerProcess.target().resolve("process")).resolve("startup.txt"),
                report + "\n", StandardCharsets.UTF_8);

        assertThat(startups).as(report).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(HANG_BOUND));
    }

    @Test
    void helpListsTheEnvironmentVariables() throws Exception {
        ServerProcess.Exit exit = ServerProcess.runToExit("help", Map.of(), List.of("--help"));

        assertThat(exit.code()).as(exit.output()).isZero();
        assertThat(exit.output()).contains("BANTIN_PORT", "BANTIN_HOST", "BANTIN_DB", "BANTIN_SITE_NAME",
                "BANTIN_ZONE", "BANTIN_BASE_URL", "BANTIN_TRUSTED_PROXIES", "BANTIN_ADMIN_PASSWORD");
    }

    @Test
    void aBadSettingExitsWithCode2AndOneLineNamingIt() throws Exception {
        ServerProcess.Exit exit = ServerProcess.runToExit("bad-port", ServerProcess.env("BANTIN_PORT", "seventy"),
                List.of());

        assertThat(exit.code()).as(exit.output()).isEqualTo(2);
        List<String> lines = exit.output().lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertThat(lines).as(exit.output()).hasSize(1);
        assertThat(lines.get(0)).containsIgnoringCase("port");
        assertThat(exit.output()).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void aPostgresqlThatDoesNotAnswerIsTriedWithOneLinePerAttemptThenExitsWithCode2(@TempDir Path dir) throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        ServerProcess.Exit exit = ServerProcess.runToExit("postgres-down", ServerProcess.env(
                "BANTIN_DB", "jdbc:postgresql://127.0.0.1:" + closed + "/bantin", "BANTIN_DB_USER", "bantin",
                "BANTIN_DB_PASSWORD", "not-in-any-log", "BANTIN_DB_WAIT", "3s"), List.of());

        assertThat(exit.code()).as(exit.output()).isEqualTo(2);
        List<String> attempts = exit.output().lines().filter(l -> l.contains("event=database_unreachable")).toList();
        assertThat(attempts).as(exit.output()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).contains("url=jdbc:postgresql://127.0.0.1:" + closed + "/bantin"));
        assertThat(exit.output()).as(exit.output())
                .contains("bantin: cannot start: the database at jdbc:postgresql://127.0.0.1:" + closed
                        + "/bantin did not answer within db-wait 3s (" + attempts.size() + " attempts)")
                .doesNotContain("not-in-any-log", "\tat ", "Exception in thread");
    }

    @Test
    void theSqliteLibraryComesFromAPrivateCacheNotANewCopyInTmpAtEachStart(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Map<String, String> env = ServerProcess.env("XDG_CACHE_HOME", cache.toString(),
                "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        Object first = null;
        for (int i = 0; i < 2; i++) {
            try (ServerProcess server = ServerProcess.start("native-cache-" + i, dir.resolve("bantin.db"), env)) {
                List<Path> cached;
                try (var files = Files.walk(cache.resolve("bantin"))) {
                    cached = files.filter(Files::isRegularFile).collect(Collectors.toList());
                }
                assertThat(cached).as(server.logTail()).hasSize(1);
                Object inode = Files.readAttributes(cached.get(0), "unix:ino").get("ino");
                if (first == null) {
                    first = inode;
                }
                assertThat(inode).as("the second start reuses the first one's copy").isEqualTo(first);
                try (var extracted = Files.list(tmp)) {
                    assertThat(extracted.map(p -> p.getFileName().toString()))
                            .as("the driver extracted its library again").noneMatch(n -> n.startsWith("sqlite-"));
                }
                assertThat(server.terminate()).isIn(0, 143);
            }
        }
    }
}
