package io.bantin.render.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes JSON that is safe inside an HTML {@code <script>} element: {@code <}, {@code >}, {@code &}
 * and {@code '} become {@code \}{@code u003C}-style escapes, so neither {@code </script>} nor
 * {@code <!--} in a value can end or confuse the element, and the JSON stays the same data. Public
 * only for wiring; not part of the API. Thread-safe.
 */
public final class JsonLd {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer().with(new HtmlSafeEscapes());

    private JsonLd() {
    }

    /**
     * A new empty object to fill.
     *
     * @return an object node
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Serializes with the script-safe escapes.
     *
     * @param node the document
     * @return compact JSON without raw {@code <}, {@code >} or {@code &}
     */
    public static String write(ObjectNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

        private final int[] ascii;

        HtmlSafeEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['\''] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Old JavaScript parsers end a string at these; harmless to escape for JSON readers.
            if (ch == 0x2028) {
                return LINE_SEPARATOR;
            }
            return ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
        }
    }
}
