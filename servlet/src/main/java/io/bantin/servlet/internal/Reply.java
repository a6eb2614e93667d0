package io.bantin.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the counting routes, independent of the web framework that writes it: a status,
 * headers in the order they were set, and either a body or an error. The servlet filter writes it
 * to an {@link HttpServletResponse}; the Javalin plugin through its {@code Context}. Not
 * thread-safe; built and written by one request.
 */
public final class Reply {
    private int status = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String contentType;
    private byte[] body;
    private String error;
    private Map<String, String> details = Map.of();

    Reply() {
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Reply status(int status) {
        this.status = status;
        return this;
    }

    Reply body(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    Reply error(int status, String error, Map<String, String> details) {
        this.status = status;
        this.error = error;
        this.details = Map.copyOf(details);
        return this;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The headers to set, in order; a header set twice keeps its last value. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The header's value, or {@code null}. */
    String headerValue(String name) {
        return headers.get(name);
    }

    /** The body's content type, or {@code null} when there is no body. */
    public String contentType() {
        return contentType;
    }

    /** The body, or {@code null} (no body, or an error). */
    public byte[] body() {
        return body;
    }

    /** Whether this is an error answer ({@code {"error":…,"details":…}}). */
    public boolean isError() {
        return error != null;
    }

    /** The error's short English message, or {@code null}. */
    public String error() {
        return error;
    }

    /** Field name to the rule it broke; empty when not an error. */
    public Map<String, String> details() {
        return details;
    }

    /**
     * Writes this answer to a servlet response; an error is written as its JSON body.
     *
     * @param res the response, not yet committed
     * @param json writes error bodies
     * @throws IOException when the client went away
     */
    public void writeTo(HttpServletResponse res, JsonWriter json) throws IOException {
        res.setStatus(status);
        headers.forEach(res::setHeader);
        byte[] bytes = isError() ? json.error(error, details) : body;
        String type = isError() ? JsonWriter.CONTENT_TYPE : contentType;
        if (bytes != null) {
            res.setContentType(type);
            res.setContentLength(bytes.length);
            res.getOutputStream().write(bytes);
        }
    }
}
