package io.bantin.render.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

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
        // No fallback to the JVM's default locale: a server in the US must still render Vietnamese.
        ResourceBundle bundle = ResourceBundle.getBundle("io.bantin.render.messages", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> map = new HashMap<>();
        for (String key : bundle.keySet()) {
            map.put(key, bundle.getString(key));
        }
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
