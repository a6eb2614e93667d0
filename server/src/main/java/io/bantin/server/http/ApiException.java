package io.bantin.server.http;

import java.util.Map;

/**
 * An expected failure answered with a status and the JSON body
 * {@code {"error":"…","details":{…}}}. Thrown by route classes; turned into the response by
 * {@link ErrorHandlers}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> details;

    /**
     * Creates the exception.
     *
     * @param status HTTP status, 4xx or 5xx
     * @param error short English message for the {@code error} field
     * @param details field name to rule broken; may be empty
     */
    public ApiException(int status, String error, Map<String, String> details) {
        super(error, null, false, false);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    /** 400 naming the fields and the rules they broke. */
    public static ApiException badRequest(String error, Map<String, String> details) {
        return new ApiException(400, error, details);
    }

    /** 400 for one field. */
    public static ApiException badField(String field, String rule) {
        return new ApiException(400, "invalid request", Map.of(field, rule));
    }

    /** 404 with the given message. */
    public static ApiException notFound(String error) {
        return new ApiException(404, error, Map.of());
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Field name to rule broken; may be empty. */
    public Map<String, String> details() {
        return details;
    }
}
