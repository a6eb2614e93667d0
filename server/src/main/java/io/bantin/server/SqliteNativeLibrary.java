package io.bantin.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SQLite JDBC driver's native library in a private per-user cache and points the driver
 * at it. Left alone, the driver extracts its 1.1 MB library into the temporary directory under a
 * new name on every start and then compares the copy with the original one byte per call: in a
 * cold JVM the first connection took 131–159 ms that way and 58–72 ms with the cached library. And
 * a process killed with {@code -9} leaves its copy in the temporary directory for good.
 *
 * <p>A library that other users could replace would run as this user, so the cache is used only
 * when the library and every directory from it up to the cache root belong to this user and no
 * one else can write them, and every directory above belongs to this user or root and is writable
 * by no one else or sticky (as {@code /tmp} is); directories it creates are {@code rwx------}.
 * The cached copy is compared with the one in the jar at each start and rewritten (atomically)
 * when they differ. Anything unexpected (no POSIX file system, no library for this platform, a
 * directory it cannot trust or write) leaves the driver's own extraction in place; so does an
 * {@code org.sqlite.lib.path} or {@code org.sqlite.lib.name} the user set.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SqliteNativeLibrary() {
    }

    /** {@code $XDG_CACHE_HOME/bantin}, or {@code ~/.cache/bantin}. */
    static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("bantin");
    }

    /**
     * Points the driver at the cached library, preparing it if needed, unless the driver's
     * properties are already set. Never throws: on any problem the driver extracts as usual.
     *
     * @param cacheRoot the cache directory, e.g. {@link #defaultCacheRoot()}
     * @return the library the driver will load, when the cache is used
     */
    static Optional<Path> useCache(Path cacheRoot) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return Optional.empty();
        }
        try {
            Optional<Path> library = prepare(cacheRoot, bundledResource());
            library.ifPresent(l -> {
                System.setProperty(PATH_PROPERTY, l.getParent().toString());
                System.setProperty(NAME_PROPERTY, l.getFileName().toString());
            });
            return library;
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.info("event=sqlite_native_cache_unused reason={}", e.toString());
            return Optional.empty();
        }
    }

    /** Where the driver keeps this platform's library in its jar, e.g. {@code org/sqlite/native/Linux/x86_64/libsqlitejdbc.so}. */
    static String bundledResource() {
        return "org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
    }

    /**
     * Makes sure {@code cacheRoot/sqlite-jdbc-<version>/<OS>-<arch>/<name>} holds exactly the
     * bundled library, in directories only this user can write.
     *
     * @return the library's path; empty when this platform has no bundled library or the file
     *     system has no POSIX permissions
     * @throws IOException when a directory cannot be created or trusted, or the copy fails
     */
    static Optional<Path> prepare(Path cacheRoot, String resource) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        byte[] bundled;
        try (InputStream in = SqliteNativeLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            bundled = in.readAllBytes();
        }
        int slash = resource.lastIndexOf('/');
        String platform = resource.substring(0, slash).replace("org/sqlite/native/", "").replace('/', '-');
        Path root = cacheRoot.toAbsolutePath().normalize();
        Path dir = root.resolve("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion()).resolve(platform);
        Path library = dir.resolve(resource.substring(slash + 1));
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal me = users.lookupPrincipalByName(System.getProperty("user.name"));
        UserPrincipal superuser = users.lookupPrincipalByName("root");
        // Whoever can rename an entry of an ancestor can swap the whole cache for one of their own;
        // in a sticky directory such as /tmp only the entry's owner can.
        for (Path d = root.getParent(); d != null; d = d.getParent()) {
            if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                continue; // created below, rwx------
            }
            if (isSticky(d)) {
                requireOwner(d, me, superuser);
            } else {
                requirePrivate(d, me, superuser);
            }
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        for (Path d = dir; d.startsWith(root); d = d.getParent()) {
            requirePrivate(d, me, me);
        }
        if (Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS)) {
            requirePrivate(library, me, me);
            if (Files.size(library) == bundled.length && Arrays.equals(Files.readAllBytes(library), bundled)) {
                return Optional.of(library);
            }
        }
        // A fresh name, then one rename: a process that already loaded the old copy keeps it.
        byte[] suffix = new byte[8];
        new SecureRandom().nextBytes(suffix);
        Path partial = dir.resolve(library.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        try {
            Files.write(Files.createFile(partial, ownerOnly), bundled);
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("event=sqlite_native_cached path={}", library);
        return Optional.of(library);
    }

    /** Owned by {@code owner} or {@code orOwner}, writable by nobody else, not a symbolic link. */
    private static void requirePrivate(Path path, UserPrincipal owner, UserPrincipal orOwner) throws IOException {
        requireOwner(path, owner, orOwner);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(path + " is writable by others (" + PosixFilePermissions.toString(permissions) + ")");
        }
    }

    private static void requireOwner(Path path, UserPrincipal owner, UserPrincipal orOwner) throws IOException {
        UserPrincipal actual = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
        if (!(actual.equals(owner) || actual.equals(orOwner)) || Files.isSymbolicLink(path)) {
            throw new IOException(path + " belongs to " + actual.getName() + " or is a symbolic link");
        }
    }

    /** Whether the directory has the sticky bit (where only an entry's owner may rename or delete it). */
    private static boolean isSticky(Path dir) throws IOException {
        try {
            return (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 01000) != 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
