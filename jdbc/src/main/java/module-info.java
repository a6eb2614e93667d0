/**
 * bantin-jdbc: SQL stores for articles and visits on any {@link javax.sql.DataSource}, with the
 * migrations that create their tables.
 */
module io.bantin.jdbc {
    requires transitive io.bantin.core;
    requires transitive java.sql;
    // Database.jdbi() hands out the Jdbi.
    requires transitive org.jdbi.v3.core;
    // Flyway (since 10) names no module in its jar (flyway/flyway#3788, #4115): this is the name
    // Java derives from the jar file, flyway-core-<version>.jar, the one Flyway users require today.
    requires flyway.core;
    requires org.slf4j;

    exports io.bantin.store;
    // Flyway reads the migration scripts as resources of this module.
    opens db.migration.bantin to flyway.core;
}
