package io.bantin.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The reader tools as static files for the host to serve under {@link RenderOptions#assetPath()}:
 * {@code reader.css} (layout, font steps 87.5–200 %, high-contrast theme), {@code print.css},
 * {@code prefs.js} (applies saved preferences before first paint; load it blocking in the head) and
 * {@code reader.js} (the toolbar buttons; deferred). No inline script or style is needed, so a strict
 * Content-Security-Policy holds. Thread-safe.
 */
public final class ReaderAssets {

    private static final List<String> NAMES = List.of("reader.css", "print.css", "prefs.js", "reader.js");
    private static final Map<String, byte[]> FILES = load();
    private static final String VERSION = version(FILES);

    private ReaderAssets() {
    }

    /**
     * Every asset by file name.
     *
     * @return file name -> content (fresh copies), in a stable order
     */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        FILES.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        return copy;
    }

    /**
     * The media type to serve an asset with.
     *
     * @param fileName a name from {@link #all()}
     * @return e.g. "text/css; charset=utf-8"
     */
    public static String contentType(String fileName) {
        return fileName.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    }

    /** A short hash of all assets, appended as {@code ?v=} so hosts may cache them for long. */
    static String version() {
        return VERSION;
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = ReaderAssets.class.getResourceAsStream("assets/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource io/bantin/render/assets/" + name);
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String version(Map<String, byte[]> files) {
        CRC32 crc = new CRC32();
        files.values().forEach(crc::update);
        return Long.toHexString(crc.getValue());
    }
}
