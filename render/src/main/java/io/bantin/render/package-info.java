/**
 * Rendering helpers a Java portal drops into its own pages: the article fragment with its reader
 * toolbar, the "Thống kê truy cập" box, head metadata (Open Graph, Twitter, JSON-LD), a printable
 * page, RSS 2.0 and sitemap.xml. HTML comes from precompiled jte templates with contextual
 * escaping; the reader tools are static JavaScript and CSS ({@link io.bantin.render.ReaderAssets})
 * that work under a strict Content-Security-Policy.
 */
package io.bantin.render;
