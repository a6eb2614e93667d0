package io.bantin.render.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The user-facing labels of one language, read once from {@code io/bantin/render/messages_*.properties}.
 * Public only so that templates can read it; not part of the API. Immutable and thread-safe.
 */
public final class Labels {

    private final Map<String, String> values;

    /**
     * Loads the labels of a language.
     *
     * @param locale vi or en
     */
    public Labels(Locale locale) {
        String language = locale.getLanguage().equals("en") ? "en" : "vi";
        // Read as a plain UTF-8 properties file rather than a ResourceBundle: no fallback to the
        // JVM's default locale (a server in the US must still render Vietnamese), and it works the
        // same on the module path, where a ResourceBundle.Control is not allowed.
        String resource = "/io/bantin/render/messages_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = Labels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        this.values = Map.copyOf(map);
    }

    /**
     * A label.
     *
     * @param key the key in the bundle
     * @return the label
     * @throws IllegalArgumentException if the key is missing (a bug, caught by the tests)
     */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no label \"" + key + "\"");
        }
        return v;
    }

    /**
     * A label with {@code {0}}, {@code {1}}, … replaced by the arguments.
     *
     * @param key the key in the bundle
     * @param args the values
     * @return the filled-in label
     */
    public String format(String key, Object... args) {
        String v = get(key);
        for (int i = 0; i < args.length; i++) {
            v = v.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return v;
    }
}
