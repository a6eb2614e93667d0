package io.bantin.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Removes {@code X-HTTP-Method-Override} before Javalin sees the request.
 *
 * <p>Javalin's {@code Context.method()} believes that header, and routes by it: a {@code POST} (which
 * a form on another site can send without a preflight) carrying {@code X-HTTP-Method-Override:
 * DELETE} reached the DELETE route. The portal's clients never need it, so a request is always
 * handled as the method on its request line. Thread-safe.
 */
public final class NoMethodOverride extends Handler.Wrapper {
    static final String HEADER = "X-HTTP-Method-Override";

    /** Creates the handler; give it the next handler with {@link #setHandler}. */
    public NoMethodOverride() {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!request.getHeaders().contains(HEADER)) {
            return super.handle(request, response, callback);
        }
        HttpFields headers = HttpFields.build(request.getHeaders()).remove(HEADER).asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        }, response, callback);
    }
}
