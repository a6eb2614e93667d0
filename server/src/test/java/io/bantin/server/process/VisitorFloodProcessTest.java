package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two million distinct visitors in a server JVM with README's memory flags ({@code -Xmx96m}): no
 * out-of-memory error, no 5xx, exact figures, the visitors beyond the heap-derived cap counted as
 * dropped, and a SIGTERM that saves every count for the restart.
 */
@Tag("process")
class VisitorFloodProcessTest {

    static final int VISITORS = 2_000_000;
    static final List<String> README_FLAGS = List.of("-Xmx96m", "-XX:+UseSerialGC", "-Xss256k",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m");
    /** Bounds each JVM, so that a heap thrashing in collections fails the test instead of hanging it. */
    static final long RECORD_LIMIT_SECONDS = 90;
    static final long EXIT_LIMIT_SECONDS = 30;

    @Test
    void twoMillionVisitorsAtXmx96mCauseNoOutOfMemoryAndSigtermSavesEveryCount(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("bantin.db");
        Path recordLog = dir.resolve("record.log");
        String zone = ServerProcess.zoneAtNoon(); // today's figures are checked across two JVMs
        Process recording = launch(List.of("record", db.toString(), Integer.toString(VISITORS)), zone, recordLog);
        long started = System.nanoTime();
        try {
            awaitLine(recording, recordLog, "READY", RECORD_LIMIT_SECONDS);
            recording.destroy(); // SIGTERM: the shutdown hook stops the server and flushes
            assertThat(recording.waitFor(EXIT_LIMIT_SECONDS, TimeUnit.SECONDS)).as(tail(recordLog)).isTrue();
        } finally {
            stop(recording);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        String recordOutput = Files.readString(recordLog, StandardCharsets.UTF_8);
        assertThat(recording.exitValue()).as(tail(recordLog)).isEqualTo(143);
        assertThat(recordOutput).as(tail(recordLog)).doesNotContain("OutOfMemoryError").doesNotContain("ERROR");

        Map<String, String> recorded = figures(recordOutput);
        long held = Long.parseLong(recorded.get("tracked"));
        long cap = Long.parseLong(recorded.get("cap"));
        System.out.printf("2,000,000 visitors at -Xmx96m: %s (record + SIGTERM %d s)%n", recorded, seconds);
        assertThat(recorded.get("http")).as("no 5xx after the flood").isEqualTo("200,200,200,200");
        assertThat(recorded.get("today")).isEqualTo(Integer.toString(VISITORS));
        assertThat(recorded.get("total")).isEqualTo(Integer.toString(VISITORS));
        assertThat(recorded.get("pageViews")).isEqualTo(Integer.toString(VISITORS));
        assertThat(recorded.get("articleViews")).isEqualTo(Integer.toString(VISITORS));
        assertThat(cap).as("the cap follows the heap").isPositive().isLessThan(VISITORS / 4);
        assertThat(held).as("the cap bounds the visitors held").isPositive().isLessThanOrEqualTo(cap);
        assertThat(Long.parseLong(recorded.get("dropped"))).as("the rest were dropped")
                .isEqualTo(VISITORS - held);
        assertThat(recorded.get("online")).as("online: exactly the visitors still held").isEqualTo(Long.toString(held));

        Path checkLog = dir.resolve("check.log");
        Process checking = launch(List.of("check", db.toString()), zone, checkLog);
        try {
            assertThat(checking.waitFor(RECORD_LIMIT_SECONDS, TimeUnit.SECONDS)).as(tail(checkLog)).isTrue();
        } finally {
            stop(checking);
        }
        assertThat(checking.exitValue()).as(tail(checkLog)).isZero();
        Map<String, String> reopened = figures(Files.readString(checkLog, StandardCharsets.UTF_8));
        System.out.printf("reopened after SIGTERM: %s%n", reopened);
        assertThat(reopened.get("http")).isEqualTo("200,200,200,200");
        assertThat(reopened.get("today")).as("every visit saved").isEqualTo(Integer.toString(VISITORS));
        assertThat(reopened.get("total")).isEqualTo(Integer.toString(VISITORS));
        assertThat(reopened.get("pageViews")).isEqualTo(Integer.toString(VISITORS));
        assertThat(reopened.get("articleViews")).isEqualTo(Integer.toString(VISITORS));
        assertThat(Long.parseLong(reopened.get("tracked"))).as("the restored window stays within the cap")
                .isPositive().isLessThanOrEqualTo(cap);
        assertThat(reopened.get("online")).as("the visitors held at SIGTERM are online again")
                .isEqualTo(reopened.get("tracked"));
    }

    private static Process launch(List<String> args, String zone, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(README_FLAGS);
        command.add("-D" + VisitorFlood.ZONE_PROPERTY + "=" + zone);
        command.add("-cp");
        command.add(ServerProcess.testClasspath());
        command.add(VisitorFlood.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("BANTIN_"));
        return builder.start();
    }

    /** Kills a JVM that is still running (one that failed): a test leaves no process behind. */
    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(EXIT_LIMIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void awaitLine(Process process, Path log, String line, long limitSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).lines().anyMatch(line::equals)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the JVM ended before " + line + ":\n" + tail(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + line + " within " + limitSeconds + " s:\n" + tail(log));
    }

    private static Map<String, String> figures(String output) {
        String line = output.lines().filter(l -> l.startsWith("FIGURES ")).findFirst()
                .orElseThrow(() -> new AssertionError("no FIGURES line in:\n" + output));
        Map<String, String> figures = new HashMap<>();
        for (String pair : line.substring("FIGURES ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            figures.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return figures;
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
    }
}
