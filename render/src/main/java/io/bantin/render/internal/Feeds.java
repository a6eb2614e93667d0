package io.bantin.render.internal;

import java.io.StringWriter;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin wrapper over {@link XMLStreamWriter} for the sitemaps: writes to a string, drops characters
 * XML 1.0 cannot hold (a stray control character would make the whole feed unreadable). Public only
 * for wiring; not part of the API. One instance per document; not thread-safe.
 */
public final class Feeds implements AutoCloseable {

    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private final StringWriter out = new StringWriter(4096);
    private final XMLStreamWriter xml;

    /** Starts a UTF-8 document. */
    public Feeds() {
        try {
            // A fresh factory per document: the JDK does not promise XMLOutputFactory is thread-safe.
            xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The underlying writer.
     *
     * @return the writer
     */
    public XMLStreamWriter xml() {
        return xml;
    }

    /**
     * Drops characters XML 1.0 cannot hold.
     *
     * @param text any text
     * @return the text without them
     */
    public static String clean(String text) {
        return NOT_XML.matcher(text).replaceAll("");
    }

    /**
     * Ends the document and returns it.
     *
     * @return the XML
     */
    public String finish() {
        try {
            xml.writeEndDocument();
            xml.flush();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
