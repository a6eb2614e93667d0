/** bantin for Javalin 7 applications: {@link io.bantin.javalin.BantinPlugin}. */
module io.bantin.javalin {
    requires transitive io.bantin.core;
    requires transitive io.javalin;
    requires io.bantin.servlet;

    exports io.bantin.javalin;
}
