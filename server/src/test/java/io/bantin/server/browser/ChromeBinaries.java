package io.bantin.server.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Chromium browser and its chromedriver, looked up on the {@code PATH} so that Selenium never
 * has to download anything (Selenium Manager does not run when both paths are given).
 *
 * @param browser  the Chromium executable (Debian's {@code /usr/bin/chromium})
 * @param driver   the matching chromedriver (Debian's {@code chromium-driver} package)
 */
record ChromeBinaries(Path browser, Path driver) {

    /** Environment variable that turns a missing browser from a skip into a failure (set by .ci/run). */
    static final String REQUIRE_ENV = "BANTIN_REQUIRE_BROWSER";

    private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser");
    private static final List<String> DRIVER_NAMES = List.of("chromedriver");

    /**
     * Finds both executables on the given search path.
     *
     * @param searchPath a {@code PATH}-style list of directories; null or blank finds nothing
     * @return both binaries, or empty when either is missing
     */
    static Optional<ChromeBinaries> find(String searchPath) {
        Optional<Path> browser = firstExecutable(searchPath, BROWSER_NAMES);
        Optional<Path> driver = firstExecutable(searchPath, DRIVER_NAMES);
        if (browser.isEmpty() || driver.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChromeBinaries(browser.get(), driver.get()));
    }

    /** Finds both executables on this process's {@code PATH}. */
    static Optional<ChromeBinaries> onPath() {
        return find(System.getenv("PATH"));
    }

    /** Whether the environment demands a browser (CI), so that its absence must fail the build. */
    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
    }

    private static Optional<Path> firstExecutable(String searchPath, List<String> names) {
        if (searchPath == null || searchPath.isBlank()) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
