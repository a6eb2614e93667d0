/**
 * bantin for Jakarta Servlet 6 applications (Jetty 12 ee10, Tomcat 10.1, Spring Boot 3):
 * {@link io.bantin.servlet.BantinFilter} counts the pages and serves the stats API, the hit
 * endpoint and the widget.
 */
package io.bantin.servlet;
