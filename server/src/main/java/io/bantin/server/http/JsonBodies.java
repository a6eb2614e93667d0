package io.bantin.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JSON request bodies: 415 unless the content type is {@code application/json}, 400 for
 * malformed JSON or a non-object, 413 (from Javalin's size limit) for bodies over 1 MiB.
 * Thread-safe.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;

    /** Creates the reader with the server's mapper. */
    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses the body as a JSON object.
     *
     * @throws ApiException 415, 400 or 413 as described above
     */
    public JsonNode object(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new ApiException(415, "content type must be application/json",
                    Map.of("Content-Type", type == null ? "missing" : type));
        }
        byte[] body = ctx.bodyAsBytes();
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed JSON", Map.of("body", "not valid JSON"));
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed JSON", Map.of("body", "could not be read"));
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "malformed JSON", Map.of("body", "must be a JSON object"));
        }
        return node;
    }

    /**
     * A string field: {@code null} when absent or JSON null.
     *
     * @throws ApiException 400 naming the field when it is not a string
     */
    public static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badField(field, "must be a string");
        }
        return v.asText();
    }
}
