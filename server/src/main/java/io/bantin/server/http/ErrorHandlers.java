package io.bantin.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a proper answer: JSON {@code {"error":"…","details":{…}}} for the API
 * and machine routes, a friendly HTML page for page routes (404 and 500), and never a stack
 * trace. Unexpected exceptions are logged once, with a reference the user sees. Thread-safe.
 */
public final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    /** Renders the HTML error page of a page route. */
    @FunctionalInterface
    public interface ErrorPage {
        /**
         * Returns the whole HTML document.
         *
         * @param ctx the failed request
         * @param status 404 or 500 (or another 4xx)
         */
        String render(Context ctx, int status);
    }

    private final ErrorPage errorPage;

    /** Creates the handlers with the HTML page renderer for page routes. */
    public ErrorHandlers(ErrorPage errorPage) {
        this.errorPage = errorPage;
    }

    /** Registers the exception handlers on the routes. */
    public void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage(), e.details()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            Map<String, String> details = e.getDetails() == null ? Map.of() : e.getDetails();
            respond(ctx, e.getStatus(), message(e.getStatus()), details);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (clientWentAway(e)) {
                // Not the server's failure and nothing to fix: one debug line, no stack.
                LOG.debug("event=client_gone method={} route={} error={}", ctx.method(), routeOf(ctx), oneLine(e.toString()));
                respond(ctx, 400, "request body incomplete", Map.of("body", "the connection ended before the body did"));
                return;
            }
            String ref = String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
            LOG.error("event=unhandled ref={} method={} route={} error={} at={}", ref, ctx.method(), routeOf(ctx),
                    oneLine(e.toString()), frames(e));
            respond(ctx, 500, "internal error", Map.of("reference", ref));
        });
    }

    /**
     * Whether the failure is the client's connection ending early: Jetty raises its
     * {@link EofException} (an {@link java.io.EOFException}) when a body stops short, and when an
     * answer is written to a closed connection; it may arrive wrapped, so the causes are searched too.
     */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e, previous = null; t != null && t != previous; previous = t, t = t.getCause()) {
            if (t instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    /** Writes an error answer in the form the request's route calls for. */
    public void respond(Context ctx, int status, String error, Map<String, String> details) {
        ctx.status(status);
        if (status == 405) {
            // Javalin found the path but not the method; say which methods exist when we can.
            ctx.header("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        }
        if (wantsHtml(ctx) && (status == 404 || status >= 500)) {
            String html;
            try {
                html = errorPage.render(ctx, status);
            } catch (RuntimeException renderFailure) {
                LOG.error("event=error_page_failed status={} error={}", status, renderFailure.toString());
                html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi " + status
                        + "</title></head><body><main><h1>Đã có lỗi xảy ra</h1><p><a href=\"/\">Về trang chủ</a></p></main></body></html>";
            }
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(html);
            return;
        }
        ctx.json(new ErrorBody(error, details));
    }

    /** Whether the request is for a page (HTML) rather than the API or a machine route. */
    static boolean wantsHtml(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/api/") || path.equals("/api") || path.equals("/health") || path.equals("/metrics")
                || path.endsWith(".xml") || path.endsWith(".js") || path.endsWith(".txt") || path.startsWith("/assets/")) {
            return false;
        }
        String accept = ctx.header("Accept");
        return accept == null || !accept.toLowerCase(Locale.ROOT).contains("application/json")
                || accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /** The first frames of the stack, on one line: log lines stay one per event. */
    static String frames(Throwable e) {
        StringBuilder sb = new StringBuilder();
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); i++) {
            if (i > 0) {
                sb.append(" < ");
            }
            sb.append(trace[i].getClassName()).append('.').append(trace[i].getMethodName()).append(':').append(trace[i].getLineNumber());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            sb.append(" cause=").append(oneLine(cause.toString()));
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    static String routeOf(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static String message(int status) {
        switch (status) {
            case 400: return "bad request";
            case 401: return "login required";
            case 403: return "forbidden";
            case 404: return "not found";
            case 405: return "method not allowed";
            case 413: return "request body too large (limit 1 MiB)";
            case 415: return "unsupported media type";
            case 429: return "too many requests";
            case 503: return "service unavailable";
            default: return status >= 500 ? "internal error" : "request failed";
        }
    }
}
