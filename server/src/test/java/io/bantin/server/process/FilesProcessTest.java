package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real process leaves on disk and on its console at a first start without a configured
 * password: a private data folder and database, and the generated password in a private file whose
 * path, never the password, is on the console (which here, as in many deployments, is a log file).
 */
@Tag("process")
class FilesProcessTest {

    @Test
    void aFirstStartKeepsTheDataPrivateAndThePasswordOffTheConsole(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path data = dir.resolve("data");
        Path db = data.resolve("bantin.db");
        Map<String, String> env = new HashMap<>();
        env.put("BANTIN_ADMIN_PASSWORD", null);
        try (ServerProcess server = ServerProcess.start("files", db, env, List.of())) {
            Path file = data.resolve("admin-password.txt");
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(db)).isEqualTo("rw-------");
            assertThat(mode(file)).isEqualTo("rw-------");
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertThat(password).hasSize(20);

            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            for (String side : List.of("bantin.db-wal", "bantin.db-shm")) {
                if (Files.exists(data.resolve(side))) {
                    assertThat(mode(data.resolve(side))).as(side).isEqualTo("rw-------");
                }
            }

            String console = server.console();
            assertThat(console).contains(file.toString()).doesNotContain(password).doesNotContain("loose_permissions");
            assertThat(server.terminate()).isIn(0, 143);
            assertThat(server.console()).doesNotContain(password);
        }
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
