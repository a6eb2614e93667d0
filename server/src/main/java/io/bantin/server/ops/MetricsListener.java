package io.bantin.server.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A second, tiny HTTP listener on 127.0.0.1 that serves only {@code GET /metrics}: the scrape holds
 * login counts and the route list, which the public port must not show. Its own few threads, so a
 * busy portal never delays a scrape and a scrape never takes a request thread. Thread-safe.
 */
public final class MetricsListener implements AutoCloseable {
    /** The only address it listens on. */
    public static final String HOST = "127.0.0.1";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;

    private MetricsListener(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts listening.
     *
     * @param port the port on 127.0.0.1; 0 picks a free one
     * @param scrape the metrics text, made on each request
     * @return the running listener
     * @throws IllegalStateException when the port cannot be bound
     */
    public static MetricsListener start(int port, Supplier<String> scrape) {
        // One acceptor and one selector need two threads of their own; two more serve scrapes.
        QueuedThreadPool pool = new QueuedThreadPool(4, 1);
        pool.setName("bantin-metrics");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String method = request.getMethod();
                if (!"/metrics".equals(Request.getPathInContext(request))) {
                    Response.writeError(request, response, callback, 404);
                } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    Response.writeError(request, response, callback, 405);
                } else {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                    response.write(true, ByteBuffer.wrap(scrape.get().getBytes(StandardCharsets.UTF_8)), callback);
                }
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot listen for /metrics on " + HOST + ":" + port + ": " + e, e);
        }
        return new MetricsListener(server, connector);
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops listening. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the /metrics listener", e);
        }
    }
}
