package io.bantin.servlet.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the counting routes' JSON with one Jackson mapper of its own, so an
 * application's mapper settings never change bantin's pinned shapes. Thread-safe.
 */
public final class JsonWriter {
    /** The content type of every JSON answer, as bantin's server sends it. */
    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper = new ObjectMapper();

    /** Creates the writer. */
    public JsonWriter() {
    }

    /** The bytes of a value (a record or a list of them). */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            // Our own records of strings and numbers always serialize.
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of {@code {"error":…,"details":{…}}}. */
    public byte[] error(String error, Map<String, String> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("details", details);
        return write(body);
    }

    /**
     * Parses a body as JSON.
     *
     * @throws JacksonException when the bytes are not JSON
     * @throws IOException when they cannot be read
     */
    JsonNode tree(byte[] body) throws IOException {
        return mapper.readTree(body);
    }
}
