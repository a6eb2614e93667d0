/** bantin for Jakarta Servlet 6 applications: {@link io.bantin.servlet.BantinFilter}. */
module io.bantin.servlet {
    requires transitive io.bantin.core;
    requires transitive jakarta.servlet;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.bantin.servlet;
    // The request rules the Javalin plugin shares with the filter; not API.
    exports io.bantin.servlet.internal to io.bantin.javalin;
    // Jackson writes the routes' JSON records by reflection.
    opens io.bantin.servlet.internal to com.fasterxml.jackson.databind;
}
