package io.bantin.store;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes files and folders refuse writes for as long as it is open, also when the build runs as root,
 * who ignores permission bits: then it sets the immutable attribute with {@code chattr +i}, which
 * binds root too. Where neither works (root on a file system without the attribute, or no
 * {@code chattr}) the test is skipped with the reason, unless {@value #REQUIRE_VARIABLE} is
 * {@code true}, as in CI, where it fails instead.
 */
final class UnwritableFiles implements AutoCloseable {

    static final String REQUIRE_VARIABLE = "BANTIN_REQUIRE_UNWRITABLE_FILES";

    private final List<Path> paths = new ArrayList<>();
    private final boolean immutable;

    private UnwritableFiles(boolean immutable) {
        this.immutable = immutable;
    }

    /** Makes every existing path of {@code candidates} unwritable; a missing one is left alone. */
    static UnwritableFiles of(List<Path> candidates) throws IOException {
        boolean root = new UnixSystem().getUid() == 0;
        UnwritableFiles files = new UnwritableFiles(root);
        for (Path path : candidates) {
            if (!Files.exists(path)) {
                continue;
            }
            if (root) {
                String failure = chattr("+i", path);
                if (failure != null) {
                    files.close();
                    unavailable("running as root, and " + failure);
                }
            } else if (!path.toFile().setWritable(false, false)) {
                files.close();
                unavailable("cannot clear the write permission of " + path);
            }
            files.paths.add(path);
        }
        return files;
    }

    private static void unavailable(String reason) {
        if ("true".equals(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(REQUIRE_VARIABLE + " is true, but files cannot be made unwritable here: "
                    + reason);
        }
        Assumptions.abort(reason + " (set " + REQUIRE_VARIABLE + "=true to fail instead)");
    }

    /** Null when {@code chattr flag path} succeeded, else what went wrong. */
    private static String chattr(String flag, Path path) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return "chattr cannot run (" + e.getMessage() + ")";
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "chattr " + flag + " " + path + " did not finish";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "interrupted while chattr " + flag + " " + path + " ran";
        }
        return process.exitValue() == 0 ? null : "chattr " + flag + " " + path + " failed: " + output;
    }

    /** Makes the paths writable again, in reverse order. */
    @Override
    public void close() throws IOException {
        for (int i = paths.size() - 1; i >= 0; i--) {
            Path path = paths.get(i);
            if (immutable) {
                String failure = chattr("-i", path);
                if (failure != null) {
                    throw new IOException(failure);
                }
            } else {
                path.toFile().setWritable(true, false);
            }
        }
        paths.clear();
    }
}
