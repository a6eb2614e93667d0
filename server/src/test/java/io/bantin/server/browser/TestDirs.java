package io.bantin.server.browser;

import java.nio.file.Path;

/** Where the browser tests may write: the module's {@code target/} folder, never the source tree. */
final class TestDirs {

    private TestDirs() {
    }

    /** The server module's {@code target/} (Surefire sets {@code basedir}; else the working directory's). */
    static Path target() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }
}
