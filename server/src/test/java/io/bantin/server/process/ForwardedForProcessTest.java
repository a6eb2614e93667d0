package io.bantin.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's address is the socket's unless the peer is a trusted proxy. A visitor who sends
 * made-up {@code X-Forwarded-For} / {@code Forwarded} headers from an untrusted address must stay
 * one visitor (WP Statistics trusts these by default, so anyone can pose as many visitors). The
 * control case, with 127.0.0.1 trusted, shows the same requests do create visitors there, so the
 * first test is not passing by accident.
 */
@Tag("process")
class ForwardedForProcessTest {

    private static final int SPOOFS = 20;
    private static final String USER_AGENT = PortalClient.browserUserAgent(7);

    @Test
    void spoofedForwardingHeadersFromAnUntrustedPeerDoNotCreateVisitors(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start("xff-untrusted", dir.resolve("bantin.db"),
                ServerProcess.env("BANTIN_ZONE", ServerProcess.zoneAtNoon()))) {
            PortalClient client = new PortalClient(server.baseUrl());
            for (int i = 1; i <= SPOOFS; i++) {
                assertThat(client.hit(USER_AGENT, "/", Map.of("X-Forwarded-For", "203.0.113." + i))).isEqualTo(204);
                assertThat(client.hit(USER_AGENT, "/", Map.of("Forwarded", "for=198.51.100." + i + ";proto=https")))
                        .isEqualTo(204);
                assertThat(client.hit(USER_AGENT, "/", Map.of("X-Real-IP", "192.0.2." + i))).isEqualTo(204);
            }

            JsonNode stats = client.stats();
            assertThat(stats.path("today").asLong()).as("%s\n%s", stats, server.logTail()).isEqualTo(1);
            assertThat(stats.path("total").asLong()).as("%s", stats).isEqualTo(1);
            assertThat(server.logText()).as("no client address, real or spoofed, in the log")
                    .doesNotContain("203.0.113.", "198.51.100.", "192.0.2.");
        }
    }

    @Test
    void forwardedForFromATrustedProxyIsHonoured(@TempDir Path dir) throws Exception {
        Map<String, String> trustLoopback = ServerProcess.env("BANTIN_TRUSTED_PROXIES", "127.0.0.1/32",
                "BANTIN_ZONE", ServerProcess.zoneAtNoon());
        try (ServerProcess server = ServerProcess.start("xff-trusted", dir.resolve("bantin.db"), trustLoopback)) {
            PortalClient client = new PortalClient(server.baseUrl());
            for (int i = 1; i <= SPOOFS; i++) {
                assertThat(client.hit(USER_AGENT, "/", Map.of("X-Forwarded-For", "203.0.113." + i))).isEqualTo(204);
            }

            JsonNode stats = client.stats();
            assertThat(stats.path("today").asLong()).as("%s\n%s", stats, server.logTail()).isEqualTo(SPOOFS);
        }
    }
}
