package io.bantin.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Where a generated {@code admin} password is handed over: a file only the server's user can read
 * ({@code 0600} on POSIX file systems), never the console, whose output tends to end up in log files
 * others can read. Not thread-safe; called once at start.
 */
public final class AdminPasswordFile {
    /** The file's name in the data folder (the database file's folder). */
    public static final String NAME = "admin-password.txt";

    private AdminPasswordFile() {
    }

    /**
     * Writes the password, and a line break, to {@value #NAME} in the folder, replacing an older
     * file (left by a database that has since been deleted). The file is created with its final
     * permissions, so the password is never readable by others, not even for a moment.
     *
     * @param folder the data folder
     * @param password the generated password
     * @return the file written
     * @throws UncheckedIOException when it cannot be written
     */
    public static Path write(Path folder, String password) {
        Path file = folder.resolve(NAME).toAbsolutePath();
        try {
            // With PostgreSQL nothing else creates the data folder.
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            try (SeekableByteChannel out = Files.newByteChannel(file,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer bytes = ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated admin password to " + file
                    + " (set BANTIN_ADMIN_PASSWORD to choose the password instead)", e);
        }
    }
}
