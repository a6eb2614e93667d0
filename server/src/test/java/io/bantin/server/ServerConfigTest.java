package io.bantin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bantin.visit.ForwardedHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheContract() {
        ServerConfig c = ServerConfig.parse(new String[0], Map.of());
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.database()).isEqualTo(Path.of("data", "bantin.db"));
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.corsOrigins()).isEmpty();
        assertThat(c.baseUrl()).isNull();
        assertThat(c.demo()).isFalse();
        assertThat(c.secureCookies()).isFalse();
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path file = dir.resolve("bantin.properties");
        Files.writeString(file, "port=8001\nsite-name=Từ tệp\nzone=UTC\n", StandardCharsets.UTF_8);
        ServerConfig c = ServerConfig.parse(new String[] {"--port=8003", "--config", file.toString(), "--demo"},
                Map.of("BANTIN_PORT", "8002", "BANTIN_SITE_NAME", "Từ môi trường"));
        assertThat(c.port()).isEqualTo(8003);
        assertThat(c.siteName()).isEqualTo("Từ môi trường");
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.demo()).isTrue();
    }

    @Test
    void configFileFromEnvironment() throws IOException {
        Path file = dir.resolve("b.properties");
        Files.writeString(file, "flush-interval=PT2S\n", StandardCharsets.UTF_8);
        ServerConfig c = ServerConfig.parse(new String[0], Map.of("BANTIN_CONFIG", file.toString()));
        assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void readsEveryEnvironmentName() {
        ServerConfig c = ServerConfig.parse(new String[0], Map.ofEntries(
                Map.entry("BANTIN_PORT", "0"), Map.entry("BANTIN_HOST", "127.0.0.2"),
                Map.entry("BANTIN_DB", "x/y.db"), Map.entry("BANTIN_SITE_NAME", "Cổng"),
                Map.entry("BANTIN_ZONE", "UTC"), Map.entry("BANTIN_BASE_URL", "https://example.gov.vn/"),
                Map.entry("BANTIN_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), Map.entry("BANTIN_ADMIN_PASSWORD", "s3cret-pass"),
                Map.entry("BANTIN_FLUSH_INTERVAL", "500ms"), Map.entry("BANTIN_ONLINE_WINDOW", "3m"),
                Map.entry("BANTIN_VISIT_TIMEOUT", "1h"), Map.entry("BANTIN_BASELINE_TOTAL", "722158"),
                Map.entry("BANTIN_CORS_ORIGINS", "https://a.gov.vn,https://b.gov.vn"), Map.entry("BANTIN_DEMO", "true")));
        assertThat(c.port()).isZero();
        assertThat(c.host()).isEqualTo("127.0.0.2");
        assertThat(c.database()).isEqualTo(Path.of("x/y.db"));
        assertThat(c.baseUrl()).isEqualTo("https://example.gov.vn");
        assertThat(c.secureCookies()).isTrue();
        assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        assertThat(c.adminPassword()).isEqualTo("s3cret-pass");
        assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.onlineWindow()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.visitTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(c.baselineTotal()).isEqualTo(722158L);
        assertThat(c.corsOrigins()).containsExactly("https://a.gov.vn", "https://b.gov.vn");
        assertThat(c.demo()).isTrue();
        assertThat(c.toString()).doesNotContain("s3cret-pass");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_PORT", "abc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_PORT");
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "70000"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_ZONE", "Mars/Olympus")))
                .hasMessageContaining("BANTIN_ZONE");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_TRUSTED_PROXIES", "10.0.0.0/99")))
                .hasMessageContaining("BANTIN_TRUSTED_PROXIES");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_FLUSH_INTERVAL", "soon")))
                .hasMessageContaining("BANTIN_FLUSH_INTERVAL");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_FLUSH_INTERVAL", "0s")))
                .hasMessageContaining("flush-interval");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_BASE_URL", "ftp://x")))
                .hasMessageContaining("BANTIN_BASE_URL");
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--nope"}, Map.of()))
                .hasMessageContaining("--nope");
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--config", dir.resolve("missing").toString()}, Map.of()))
                .hasMessageContaining("--config");
    }

    @Test
    void aJdbcPostgresqlUrlInDbChoosesPostgresqlWithItsCredentialsPoolAndWait() {
        ServerConfig sqlite = ServerConfig.parse(new String[0], Map.of("BANTIN_DB", "/srv/bantin/portal.db"));
        assertThat(sqlite.postgres()).isNull();
        assertThat(sqlite.database()).isEqualTo(Path.of("/srv/bantin/portal.db"));

        ServerConfig c = ServerConfig.parse(new String[0], Map.of("BANTIN_DB", "jdbc:postgresql://db.internal:5432/bantin",
                "BANTIN_DB_USER", "bantin", "BANTIN_DB_PASSWORD", "s3cret-pass", "BANTIN_DB_POOL_SIZE", "8",
                "BANTIN_DB_WAIT", "2m"));
        assertThat(c.postgres()).isEqualTo(new PostgresSettings("jdbc:postgresql://db.internal:5432/bantin", "bantin",
                "s3cret-pass", 8, Duration.ofMinutes(2)));
        assertThat(c.toString()).contains("jdbc:postgresql://db.internal:5432/bantin").doesNotContain("s3cret-pass");

        PostgresSettings defaults = ServerConfig.parse(new String[] {"--db", "jdbc:postgresql://127.0.0.1/bantin?password=p4ss"},
                Map.of()).postgres();
        assertThat(defaults.poolSize()).isEqualTo(4);
        assertThat(defaults.startupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.user()).isNull();
        assertThat(defaults.toString()).doesNotContain("p4ss");
        assertThat(defaults.displayUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/bantin");
    }

    @Test
    void badDatabaseSettingsNameTheSettingAndNeverEchoAPassword() {
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_DB", "jdbc:mysql://db/bantin?password=p4ss")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_DB").hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("p4ss");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_DB_USER", "bantin")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("db-user").hasMessageContaining("SQLite");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_DB_PASSWORD", "p4ss")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("db-password").hasMessageNotContaining("p4ss");
        for (String size : new String[] {"0", "51", "many"}) {
            assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_DB", "jdbc:postgresql://db/bantin",
                    "BANTIN_DB_POOL_SIZE", size))).isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_DB_POOL_SIZE");
        }
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_DB", "jdbc:postgresql://db/bantin",
                "BANTIN_DB_WAIT", "2h"))).isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_DB_WAIT");
        assertThat(ServerConfig.parse(new String[0], Map.of("BANTIN_DB", "jdbc:postgresql://db/bantin", "BANTIN_DB_WAIT", "0s"))
                .postgres().startupWait()).as("zero tries once").isZero();
    }

    @Test
    void theForwardingHeaderIsXForwardedForUnlessForwardedIsChosen() {
        assertThat(ServerConfig.parse(new String[0], Map.of()).forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThat(ServerConfig.parse(new String[0], Map.of("BANTIN_FORWARDED_HEADER", "Forwarded")).forwardedHeader())
                .isEqualTo(ForwardedHeader.FORWARDED);
        assertThat(ServerConfig.parse(new String[] {"--forwarded-header=x-forwarded-for"},
                Map.of("BANTIN_FORWARDED_HEADER", "Forwarded")).forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_FORWARDED_HEADER", "X-Real-IP")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BANTIN_FORWARDED_HEADER").hasMessageContaining("X-Forwarded-For or Forwarded");
        assertThat(ServerConfig.help()).contains("--forwarded-header", "BANTIN_FORWARDED_HEADER");
    }

    @Test
    void helpListsEveryEnvironmentName() {
        String help = ServerConfig.help();
        for (String env : List.of("BANTIN_PORT", "BANTIN_HOST", "BANTIN_DB", "BANTIN_SITE_NAME", "BANTIN_ZONE",
                "BANTIN_BASE_URL", "BANTIN_TRUSTED_PROXIES", "BANTIN_ADMIN_PASSWORD", "BANTIN_FLUSH_INTERVAL",
                "BANTIN_ONLINE_WINDOW", "BANTIN_VISIT_TIMEOUT", "BANTIN_BASELINE_TOTAL", "BANTIN_CORS_ORIGINS",
                "BANTIN_DEMO", "BANTIN_CONFIG")) {
            assertThat(help).contains(env);
        }
    }

    @Test
    void sessionLifetimeIsTwelveHoursUnlessSetAndNamesItselfWhenOutOfRange() {
        assertThat(ServerConfig.parse(new String[0], Map.of()).sessionLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(ServerConfig.parse(new String[0], Map.of("BANTIN_SESSION_LIFETIME", "8h")).sessionLifetime())
                .isEqualTo(Duration.ofHours(8));
        assertThat(ServerConfig.parse(new String[] {"--session-lifetime=PT30M"}, Map.of()).sessionLifetime())
                .isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_SESSION_LIFETIME", "30s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_SESSION_LIFETIME").hasMessageContaining("PT1M");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_SESSION_LIFETIME", "forever")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_SESSION_LIFETIME");
        assertThat(ServerConfig.help()).contains("--session-lifetime", "BANTIN_SESSION_LIFETIME", "default 12h");
    }

    @Test
    void visitorBudgetDefaultsTo300AndMaxVisitorsToAutoAndBothAreSettings() {
        ServerConfig defaults = ServerConfig.parse(new String[0], Map.of());
        assertThat(defaults.visitorBudget()).isEqualTo(300);
        assertThat(defaults.maxVisitors()).as("auto: derived from the heap").isNull();

        ServerConfig set = ServerConfig.parse(new String[] {"--max-visitors", "50000"}, Map.of("BANTIN_VISITOR_BUDGET", "0"));
        assertThat(set.visitorBudget()).isZero();
        assertThat(set.maxVisitors()).isEqualTo(50_000);
        assertThat(ServerConfig.parse(new String[0], Map.of("BANTIN_MAX_VISITORS", "auto")).maxVisitors()).isNull();

        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_VISITOR_BUDGET", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_VISITOR_BUDGET").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--visitor-budget", "many"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--visitor-budget");
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_MAX_VISITORS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BANTIN_MAX_VISITORS").hasMessageContaining("auto");
        assertThatThrownBy(() -> ServerConfig.builder().visitorBudget(-5).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("visitor-budget");
        assertThat(ServerConfig.help()).contains("BANTIN_VISITOR_BUDGET", "--visitor-budget", "NAT",
                "BANTIN_MAX_VISITORS", "--max-visitors");
    }

    @Test
    void durationsInBothForms() {
        assertThat(ServerConfig.parseDuration("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ServerConfig.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ServerConfig.parseDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(ServerConfig.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> ServerConfig.parseDuration("5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.parseDuration("5y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeIsNamedByBantinNodeOrTheNodeFlagAndByDefaultByItsHostNameAndPort() throws IOException {
        assertThat(ServerConfig.parse(new String[0], Map.of("BANTIN_NODE", "web-1")).nodeName()).isEqualTo("web-1");
        assertThat(ServerConfig.parse(new String[] {"--node", "db2.example.vn:7071"}, Map.of("BANTIN_NODE", "web-1"))
                .nodeName()).as("a flag wins over the environment").isEqualTo("db2.example.vn:7071");
        ServerConfig unnamed = ServerConfig.parse(new String[] {"--port", "7072"}, Map.of());
        assertThat(unnamed.node()).isNull();
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        assertThat(unnamed.nodeName()).isEqualTo(host + ":7072");
        assertThat(unnamed.nodeName(40123)).as("once bound to a free port").isEqualTo(host + ":40123");
        assertThat(ServerConfig.parse(new String[0], Map.of("BANTIN_NODE", "a".repeat(64))).nodeName()).hasSize(64);
        assertThat(ServerConfig.help()).contains("--node", "BANTIN_NODE");
    }

    @Test
    void aNodeNameOutsideItsCharactersOrLengthIsRefusedNamingTheSettingAndTheRule() {
        for (String bad : List.of("", "web 1", "a".repeat(65), "web/1", "nút-1", "web\"1")) {
            assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("BANTIN_NODE", bad)))
                    .as("'%s'", bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("BANTIN_NODE: must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        assertThatThrownBy(() -> ServerConfig.builder().node("web 1").build()).isInstanceOf(ConfigException.class)
                .hasMessage("node: must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-', was \"web 1\"");
        assertThatThrownBy(() -> ServerConfig.builder().node("x\n".repeat(50)).build()).isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("\n").hasMessageEndingWith("…\"");
    }
}
