package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {

    @TempDir
    Path home;

    private String resource;
    private byte[] bundled;

    @BeforeEach
    void readTheBundledLibrary() throws IOException {
        resource = SqliteNativeLibrary.bundledResource();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("the driver bundles %s", resource).isNotNull();
            bundled = in.readAllBytes();
        }
    }

    @Test
    void writesAPrivateCopyOnceAndReusesItAtTheNextStart() throws IOException {
        Path root = home.resolve("cache/bantin");

        Path library = SqliteNativeLibrary.prepare(root, resource).orElseThrow();

        assertThat(library).startsWith(root);
        assertThat(Files.readAllBytes(library)).isEqualTo(bundled);
        for (Path d = library.getParent(); d.startsWith(home.resolve("cache")); d = d.getParent()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as("%s", d).isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library))).isEqualTo("rwx------");
        Object file = Files.readAttributes(library, "unix:ino").get("ino");

        assertThat(SqliteNativeLibrary.prepare(root, resource)).contains(library);
        assertThat(Files.readAttributes(library, "unix:ino").get("ino")).as("the same file, not a new copy").isEqualTo(file);
        try (var entries = Files.list(library.getParent())) {
            assertThat(entries).containsExactly(library);
        }
    }

    @Test
    void aCopyThatDiffersFromTheJarsIsReplaced() throws IOException {
        Path root = home.resolve("cache/bantin");
        Path library = SqliteNativeLibrary.prepare(root, resource).orElseThrow();
        Files.write(library, new byte[] {0x7f, 'E', 'L', 'F'}); // cut short, e.g. by a full disk

        assertThat(SqliteNativeLibrary.prepare(root, resource)).contains(library);

        assertThat(Files.readAllBytes(library)).isEqualTo(bundled);
    }

    @Test
    void aCacheOthersCouldWriteIsNotUsed() throws IOException {
        Path root = Files.createDirectories(home.resolve("shared/bantin"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> SqliteNativeLibrary.prepare(root, resource))
                .isInstanceOf(IOException.class).hasMessageContaining("writable by others");
        assertThat(SqliteNativeLibrary.useCache(root)).isEmpty();
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isNull();
    }

    @Test
    void aParentOthersCouldWriteIsNotTrustedEither() throws IOException {
        Path open = Files.createDirectories(home.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> SqliteNativeLibrary.prepare(open.resolve("cache/bantin"), resource))
                .isInstanceOf(IOException.class).hasMessageContaining("writable by others");
    }

    @Test
    void aLibraryThatIsASymbolicLinkIsNotFollowed() throws IOException {
        Path root = home.resolve("cache/bantin");
        Path library = SqliteNativeLibrary.prepare(root, resource).orElseThrow();
        Path elsewhere = Files.write(home.resolve("elsewhere.so"), bundled);
        Files.delete(library);
        Files.createSymbolicLink(library, elsewhere);

        // Not a regular file: written anew over the link, never loaded through it.
        assertThat(SqliteNativeLibrary.prepare(root, resource)).contains(library);

        assertThat(Files.isSymbolicLink(library)).isFalse();
        assertThat(Files.readAllBytes(library)).isEqualTo(bundled);
    }

    @Test
    void aPlatformWithoutABundledLibraryKeepsTheDriversOwnWay() throws IOException {
        assertThat(SqliteNativeLibrary.prepare(home.resolve("cache/bantin"), "org/sqlite/native/Plan9/mips/libsqlitejdbc.so"))
                .isEmpty();
        assertThat(home.resolve("cache")).doesNotExist();
    }

    @Test
    void aLibraryPathTheUserSetWins() {
        System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");
        try {
            assertThat(SqliteNativeLibrary.useCache(home.resolve("cache/bantin"))).isEqualTo(Optional.empty());
            assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
            assertThat(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY)).isNull();
            assertThat(home.resolve("cache")).doesNotExist();
        } finally {
            System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
        }
    }
}
