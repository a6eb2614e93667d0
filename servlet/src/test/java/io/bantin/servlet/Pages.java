package io.bantin.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A portal's own pages behind the filter: HTML pages, an article, a stylesheet, JSON, a redirect
 * and a 404. Answers are not closed here, so the container completes them only after the filter
 * has returned: a test that reads an answer sees what the filter did with it.
 */
final class Pages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The id the article page names for the filter. */
    static final long ARTICLE = 7;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getRequestURI();
        switch (path) {
            case "/style.css" -> send(res, 200, "text/css", "body{}");
            case "/data" -> send(res, 200, "application/json", "{}");
            case "/go" -> res.sendRedirect("/");
            case "/articles/hello" -> {
                req.setAttribute(BantinFilter.ARTICLE_ID, ARTICLE);
                send(res, 200, "text/html; charset=utf-8", "<h1>Hello</h1>");
            }
            default -> {
                if (path.startsWith("/missing")) {
                    send(res, 404, "text/html; charset=utf-8", "<h1>Not found</h1>");
                } else {
                    send(res, 200, "text/html; charset=utf-8", "<h1>Page " + path + "</h1>");
                }
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        send(res, 200, "text/html; charset=utf-8", "<p>posted</p>");
    }

    private static void send(HttpServletResponse res, int status, String type, String body) throws IOException {
        res.setStatus(status);
        res.setContentType(type);
        res.getWriter().write(body);
    }
}
