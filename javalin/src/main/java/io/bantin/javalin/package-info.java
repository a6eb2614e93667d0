/**
 * bantin for Javalin 7 applications: {@link io.bantin.javalin.BantinPlugin} counts the pages and
 * mounts the stats API, the hit endpoint and the widget.
 */
package io.bantin.javalin;
