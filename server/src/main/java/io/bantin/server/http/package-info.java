/**
 * What every route shares, at the bottom of the server: the error answers
 * ({@code {"error":"…","details":{…}}} or the HTML page), JSON bodies, CORS, security headers, the
 * fingerprinted static assets, and the Jetty handlers in front of Javalin (whole bodies before a
 * request thread, no method override). It depends on no other package of the server.
 */
package io.bantin.server.http;
