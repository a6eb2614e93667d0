package io.bantin.server.security;

import io.bantin.store.Database;
import java.nio.file.Path;
import org.sqlite.SQLiteDataSource;

/** A real SQLite file with bantin's tables and the server's own, as the server opens it. */
final class ServerTables {
    private ServerTables() {
    }

    /** Creates and migrates {@code bantin.db} in {@code dir}; the caller closes it. */
    static Database sqlite(Path dir) {
        Path file = dir.resolve("bantin.db");
        Database db = Database.sqlite(file);
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        AdminAccounts.migrate(ds);
        return db;
    }
}
