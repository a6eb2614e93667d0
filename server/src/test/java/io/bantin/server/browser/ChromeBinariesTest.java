package io.bantin.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** How the browser tests find Chromium, and what they do without it (skip, or fail on CI). */
class ChromeBinariesTest {

    @Test
    void findsBothExecutablesOnTheSearchPath(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path browser = executable(bin.resolve("chromium"));
        Path driver = executable(bin.resolve("chromedriver"));

        Optional<ChromeBinaries> found = ChromeBinaries.find(dir.resolve("empty") + File.pathSeparator + bin);

        assertThat(found).contains(new ChromeBinaries(browser, driver));
    }

    @Test
    void findsNothingWhenEitherIsMissingOrNotExecutable(@TempDir Path dir) throws IOException {
        executable(dir.resolve("chromium"));
        Files.createFile(dir.resolve("chromedriver"));

        assertThat(ChromeBinaries.find(dir.toString())).isEmpty();
        assertThat(ChromeBinaries.find("")).isEmpty();
        assertThat(ChromeBinaries.find(null)).isEmpty();
    }

    @Test
    void missingBrowserSkipsWithTheReasonUnlessRequired() {
        assertThatThrownBy(() -> ChromeExtension.requireOrSkip(Optional.empty(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium and chromium-driver");
        assertThatThrownBy(() -> ChromeExtension.requireOrSkip(Optional.empty(), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BANTIN_REQUIRE_BROWSER=true");
    }

    private static Path executable(Path file) throws IOException {
        Files.createFile(file);
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file.toAbsolutePath();
    }
}
