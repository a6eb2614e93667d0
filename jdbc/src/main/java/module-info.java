/**
 * bantin-jdbc: SQL stores for articles and visits on any {@link javax.sql.DataSource}, with the
 * migrations that create their tables.
 */
module io.bantin.jdbc {
    requires transitive io.bantin.core;
    requires transitive java.sql;
    // Database.jdbi() hands out the Jdbi.
    requires transitive org.jdbi.v3.core;
    // Jdbi is an automatic module, so it cannot require its own dependency GeAntyRef, an explicit
    // module that would then never be resolved on an application's module path.
    requires io.leangen.geantyref;
    // Flyway (since 10) names no module in its jar (flyway/flyway#3788, #4115): this is the name
    // Java derives from the jar file, flyway-core-<version>.jar, the one Flyway users require today.
    requires flyway.core;
    requires org.slf4j;

    exports io.bantin.store;
    // Flyway finds the migration scripts through the class loader, which sees a module's resources
    // only in packages opened to everyone; the folder holds SQL scripts only.
    opens io.bantin.store.migration;
}
