package io.bantin.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a SQLite database private to the user running it: its folder is created {@code 0700} and the
 * file {@code 0600} before SQLite opens it (SQLite gives its {@code -wal}, {@code -shm} and
 * {@code -journal} files the database file's mode). The database holds the salt that makes visitor
 * keys recomputable and the editors' password hashes, so other local users must not read it. An
 * existing folder or file that others may read is left as it is, with a warning. On file systems
 * without POSIX permissions nothing is set or checked.
 */
final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String[] SIDE_FILES = {"-wal", "-shm", "-journal"};

    private PrivateFiles() {
    }

    /**
     * Creates the database file's folders ({@code 0700}) and the empty file ({@code 0600}) when
     * missing, and warns about any of them, or the side files, that group or others can access.
     *
     * @param database the absolute path of the database file
     * @throws UncheckedIOException when the folder or the file cannot be created
     */
    static void prepare(Path database) {
        Path folder = database.getParent();
        boolean posix = database.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (folder != null) {
                if (posix) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectories(folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + database, e);
        }
        if (!posix) {
            return;
        }
        try {
            Files.createFile(database, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            // An existing database: checked below, never changed.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + database, e);
        }
        if (folder != null) {
            warnIfLoose(folder, "chmod 700");
        }
        warnIfLoose(database, "chmod 600");
        for (String suffix : SIDE_FILES) {
            Path side = database.resolveSibling(database.getFileName() + suffix);
            if (Files.exists(side, LinkOption.NOFOLLOW_LINKS)) {
                warnIfLoose(side, "chmod 600");
            }
        }
    }

    /** Whether group or others have any access: what {@code 0700}/{@code 0600} rule out. */
    static boolean loose(Set<PosixFilePermission> permissions) {
        for (PosixFilePermission p : permissions) {
            switch (p) {
                case OWNER_READ:
                case OWNER_WRITE:
                case OWNER_EXECUTE:
                    break;
                default:
                    return true;
            }
        }
        return false;
    }

    private static void warnIfLoose(Path path, String fix) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (loose(permissions)) {
                LOG.warn("event=loose_permissions path={} mode={} advice=\"{} {} (other local users can read the database)\"",
                        path, PosixFilePermissions.toString(permissions), fix, path);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("event=permissions_unreadable path={} error={}", path, e.toString());
        }
    }
}
