package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database, its folder and its side files are readable by their owner only. */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported by this file system");
    }

    static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aNewDatabaseItsFoldersAndItsWalAndShmFilesAreOwnerOnly() {
        Path file = dir.resolve("data/site/bantin.db");
        try (Database db = Database.sqlite(file)) {
            assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("data/site"))).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE t (x INTEGER)");
                h.execute("INSERT INTO t VALUES (1)");
                // While a connection is open, SQLite keeps its WAL and shared-memory files.
                Path wal = file.resolveSibling("bantin.db-wal");
                Path shm = file.resolveSibling("bantin.db-shm");
                assertThat(wal).exists();
                assertThat(shm).exists();
                assertThat(mode(wal)).isEqualTo("rw-------");
                assertThat(mode(shm)).isEqualTo("rw-------");
            });
        }
    }

    @Test
    void aLooseExistingDatabaseAndFolderAreLeftAsTheyAreWithAWarning() throws IOException {
        Path folder = dir.resolve("shared");
        Path file = folder.resolve("bantin.db");
        Database.sqlite(file).close();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        String log = stderrOf(() -> Database.sqlite(file).close());
        assertThat(log).contains("event=loose_permissions path=" + folder + " mode=rwxr-xr-x", "chmod 700 " + folder);
        assertThat(log).contains("event=loose_permissions path=" + file + " mode=rw-r--r--", "chmod 600 " + file);
        assertThat(mode(folder)).isEqualTo("rwxr-xr-x");
        assertThat(mode(file)).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(stderrOf(() -> Database.sqlite(file).close())).doesNotContain("loose_permissions");
    }

    @Test
    void anyAccessForGroupOrOthersIsLoose() {
        assertThat(PrivateFiles.loose(PosixFilePermissions.fromString("rw-------"))).isFalse();
        assertThat(PrivateFiles.loose(PosixFilePermissions.fromString("rwx------"))).isFalse();
        assertThat(PrivateFiles.loose(PosixFilePermissions.fromString("rw----r--"))).isTrue();
        assertThat(PrivateFiles.loose(PosixFilePermissions.fromString("rw--w----"))).isTrue();
        assertThat(PrivateFiles.loose(PosixFilePermissions.fromString("rw------x"))).isTrue();
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            action.run();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
