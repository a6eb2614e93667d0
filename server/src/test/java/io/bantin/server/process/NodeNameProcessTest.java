package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BANTIN_NODE names the process on every line it logs, from the start to the stop. */
@Tag("process")
class NodeNameProcessTest {

    @Test
    void everyLogLineOfAServerCarriesItsNodeName(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BANTIN_NODE", "web-7");
        try (ServerProcess server = ServerProcess.start("node-name", dir.resolve("bantin.db"), env, List.of())) {
            HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"wrong\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(server.terminate()).isIn(0, 143);
            List<String> logLines = server.console().lines().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
            assertThat(logLines).as("started, a failed login, stopping, stopped").hasSizeGreaterThanOrEqualTo(4);
            assertThat(logLines).allMatch(l -> l.matches("^\\S+ node=web-7 \\[\\w+\\] .*"), "names node web-7");
            assertThat(logLines).anyMatch(l -> l.contains("event=started node=web-7 "));
        }
    }
}
