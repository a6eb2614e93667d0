package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void sqliteCreatesDirectoriesMigratesAndUsesWal() {
        Path file = dir.resolve("a/b/bantin.db");
        try (Database db = Database.sqlite(file)) {
            assertThat(Files.exists(file)).isTrue();
            assertThat(db.ping()).isTrue();
            assertThat(db.isSqlite()).isTrue();
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
                assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(1); // NORMAL
                assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
                assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isEqualTo(5000);
                assertThat(h.createQuery("PRAGMA secure_delete").mapTo(Integer.class).one()).isEqualTo(1);
                assertThat(h.createQuery("SELECT COUNT(*) FROM bantin_schema_history WHERE success = 1 AND version = '1'")
                        .mapTo(Integer.class).one()).isEqualTo(1);
            });
        }
    }

    @Test
    void reopeningDoesNotMigrateTwiceAndPingFailsAfterClose() {
        Path file = dir.resolve("bantin.db");
        Database.sqlite(file).close();
        Database db = Database.sqlite(file);
        int migrations = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_schema_history WHERE version = '1'")
                .mapTo(Integer.class).one());
        assertThat(migrations).isEqualTo(1);
        db.close();
        assertThat(db.ping()).isFalse();
    }

    @Test
    void pingAnswersFalseWithoutThrowingWhenTheFileIsNoLongerADatabase() throws Exception {
        Path file = dir.resolve("bantin.db");
        try (Database db = Database.sqlite(file)) {
            assertThat(db.ping()).isTrue();
            Files.deleteIfExists(dir.resolve("bantin.db-wal"));
            Files.deleteIfExists(dir.resolve("bantin.db-shm"));
            Files.write(file, "this is not a SQLite database, only text in its place".repeat(100).getBytes());
            assertThat(db.ping()).isFalse();
        }
    }

    @Test
    void anEmbeddersDatabaseWithItsOwnTablesIsMigratedToo() throws Exception {
        Path file = dir.resolve("app.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE app_users (id INTEGER PRIMARY KEY)");
        }
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        try (Database db = Database.of(ds)) {
            assertThat(db.ping()).isTrue();
            int rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bantin_visit_day").mapTo(Integer.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void theMigrationIndexListsExactlyTheBundledScripts() throws Exception {
        // Tests run in the core module's folder; the index must name every script there, no more.
        try (var files = Files.list(Path.of("src/main/resources/io/bantin/store/migration"))) {
            List<String> scripts = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            assertThat(Migrations.bundled()).containsExactlyInAnyOrderElementsOf(scripts);
        }
        assertThat(Migrations.versionOf("V2__articles.sql")).containsExactly(2);
        assertThat(Migrations.versionOf("V2_1__x.sql")).containsExactly(2, 1);
    }

    @Test
    void upToDateOnlyWhenTheHistoryRecordsTheLatestVersionAndNoFailure() throws Exception {
        Path file = dir.resolve("bantin.db");
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        List<Integer> latest = Database.latestBundledVersion();
        assertThat(Database.upToDate(ds, latest)).as("no history table").isFalse();
        Database.sqlite(file).close();
        assertThat(Database.upToDate(ds, latest)).isTrue();
        assertThat(Database.upToDate(ds, List.of(latest.get(0) + 1))).as("a newer bundled migration").isFalse();
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("UPDATE bantin_schema_history SET success = 0 WHERE version = '1'");
        }
        assertThat(Database.upToDate(ds, latest)).as("a failed migration").isFalse();
    }

    @Test
    void anEmbeddersDatabaseIsUpToDateAfterTheFirstOpen() throws Exception {
        Path file = dir.resolve("bantin.db");
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE app_users (id INTEGER PRIMARY KEY)");
        }
        Database.sqlite(file).close();
        assertThat(Database.upToDate(ds, Database.latestBundledVersion())).isTrue();
    }

    @Test
    void deletedRowsDoNotStayInTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("bantin.db");
        String secret = "salt-that-must-vanish-" + "7f3a9c2e11d04b6a";
        try (Database db = Database.sqlite(file)) {
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE scratch (v TEXT)");
                h.execute("INSERT INTO scratch VALUES (?)", secret);
                h.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                h.execute("DELETE FROM scratch");
                h.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            });
        }
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (Path f : new Path[] {file, Path.of(file + "-wal")}) {
            if (Files.exists(f)) {
                assertThat(indexOf(Files.readAllBytes(f), needle)).as(f.toString()).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
