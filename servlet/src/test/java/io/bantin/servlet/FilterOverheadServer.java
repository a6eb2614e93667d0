package io.bantin.servlet;

import io.bantin.visit.VisitCounter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The filter's cost on a plain Jetty page, for scripts/bench-filter.sh: two Jetty 12 servers in
 * one JVM on 127.0.0.1, serving the same 2 KB HTML page, one without the filter and one with it
 * (trusting the loopback proxy, so wrk's X-Forwarded-For makes many visitors). Prints
 * {@code off=<port> on=<port>} and runs until stdin closes. Not a test.
 */
public final class FilterOverheadServer {
    private FilterOverheadServer() {
    }

    /** Starts both servers; stops them when stdin closes. */
    public static void main(String[] args) throws Exception {
        try (VisitCounter counter = VisitCounter.builder().build()) {
            Server off = start(null);
            Server on = start(BantinFilter.builder(counter).trustedProxies(List.of("127.0.0.1")).build());
            System.out.println("off=" + port(off) + " on=" + port(on));
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the script closes our stdin.
            }
            off.stop();
            on.stop();
            System.err.println("counted today=" + counter.stats().today() + " total=" + counter.stats().total());
        }
    }

    private static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private static Server start(BantinFilter filter) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new Page()), "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** A small article page. */
    private static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final String HTML = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Tin tức</title></head><body><main><h1>Tin tức</h1>"
                + "<p>Nội dung bài viết.</p>".repeat(80) + "</main></body></html>";

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/html; charset=utf-8");
            res.getWriter().write(HTML);
        }
    }
}
