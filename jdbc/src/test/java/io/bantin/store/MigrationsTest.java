package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.bantin.visit.VisitCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class MigrationsTest {

    @TempDir
    Path dir;

    private SQLiteDataSource dataSource(String name) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve(name));
        return ds;
    }

    private static void run(SQLiteDataSource ds, Path script) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(Files.readString(script, StandardCharsets.UTF_8));
        }
    }

    @Test
    void theExportedScriptsAreTheBundledOnesInVersionOrder() throws Exception {
        List<Path> files = Migrations.export(dir.resolve("sql"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(Migrations.bundled())
                .startsWith("V1__visits.sql", "V2__articles.sql");
        for (Path file : files) {
            String resource = Migrations.LOCATION + "/" + file.getFileName();
            try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(Files.readString(file)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void versionsOrderAsNumbersPartByPartAsFlywayOrdersThem() {
        // V10 runs after V9, V1.1 after V1, and V1.0 is V1 (a missing part counts as 0).
        assertThat(Migrations.compare(Migrations.versionOf("V9__a.sql"), Migrations.versionOf("V10__b.sql"))).isNegative();
        assertThat(Migrations.compare(Migrations.versionOf("V10__b.sql"), Migrations.versionOf("V9__a.sql"))).isPositive();
        assertThat(Migrations.compare(Migrations.versionOf("V1_1__b.sql"), Migrations.versionOf("V1__a.sql"))).isPositive();
        assertThat(Migrations.compare(Migrations.versionOf("V1__a.sql"), Migrations.versionOf("V1.1__b.sql"))).isNegative();
        assertThat(Migrations.compare(Migrations.versionOf("V1.0__a.sql"), Migrations.versionOf("V1__b.sql"))).isZero();
        assertThat(Migrations.compare(Migrations.versionOf("V2__a.sql"), Migrations.versionOf("V1.9.9__b.sql"))).isPositive();
    }

    @Test
    void aSchemaBuiltFromTheExportedScriptsByAnotherToolIsUsedAsItIsAndCounts() throws Exception {
        SQLiteDataSource ds = dataSource("portal.db");
        for (Path script : Migrations.export(dir.resolve("sql"))) {
            run(ds, script);
        }

        Database db = Database.withoutMigrations(ds);
        Clock clock = Clock.fixed(Instant.parse("2026-03-09T03:00:00Z"), ZoneOffset.UTC);
        try (VisitCounter counter = VisitCounter.builder().store(new SqlVisitStore(db)).clock(clock)
                .zone(ZoneId.of("Asia/Ho_Chi_Minh")).build()) {
            counter.record(io.bantin.visit.Hit.of("203.0.113.7", "Mozilla/5.0 Firefox/120.0", "/"));
            counter.flush();
        }
        int days = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_visit_day").mapTo(Integer.class).one());
        assertThat(days).isEqualTo(1);
        // bantin kept no history of its own: the schema is the portal's tool's business.
        int history = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'bantin_schema_history'").mapTo(Integer.class).one());
        assertThat(history).isZero();
    }

    @Test
    void withoutMigrationsAnEmptyDatabaseIsRefusedNamingEveryMissingTableAndItsScript() {
        assertThatIllegalStateException().isThrownBy(() -> Database.withoutMigrations(dataSource("empty.db")))
                .withMessageContaining("bantin_visit_day (V1__visits.sql)")
                .withMessageContaining("bantin_articles (V2__articles.sql)");
    }

    @Test
    void withoutMigrationsADatabaseMissingTheLaterScriptsNamesOnlyTheirTables() throws Exception {
        SQLiteDataSource ds = dataSource("behind.db");
        run(ds, Migrations.export(dir.resolve("sql")).get(0));

        assertThatIllegalStateException().isThrownBy(() -> Database.withoutMigrations(ds))
                .withMessageContaining("bantin_articles (V2__articles.sql)")
                .withMessageNotContaining("V1__visits.sql");
    }

    @Test
    void theExportCommandRunsFromBantinJdbcAloneWithoutJdbiOrFlyway() throws Exception {
        Path classes = Path.of(Migrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classes.toString(), "io.bantin.store.Migrations",
                dir.resolve("out").toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(printed).isZero();
        assertThat(printed.lines()).startsWith(dir.resolve("out/V1__visits.sql").toString(),
                dir.resolve("out/V2__articles.sql").toString()).hasSize(Migrations.bundled().size());
    }

    @Test
    void anApplicationsOwnFlywayWithItsDefaultLocationFindsNoneOfBantinsScripts() {
        // Spring Boot's Flyway, like Flyway itself, scans classpath:db/migration unless told otherwise.
        var found = org.flywaydb.core.Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource("application.db")).load().info().all();

        assertThat(found).isEmpty();
        assertThat(Migrations.scripts()).isNotEmpty();
    }

    @Test
    void everyScriptCreatesTablesWithBantinsPrefix() {
        assertThat(Migrations.scripts()).allSatisfy(s -> assertThat(s.tables()).isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith("bantin_")));
    }
}
