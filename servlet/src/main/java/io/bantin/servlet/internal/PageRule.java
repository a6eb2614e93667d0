package io.bantin.servlet.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which answers are pages a reader saw, the one rule of the servlet filter and the Javalin plugin:
 * a {@code GET} answered 2xx with {@code text/html}, at a path outside the counting routes' prefix,
 * outside the excluded paths and not a static file. Immutable and thread-safe.
 */
public final class PageRule {
    private static final Set<String> STATIC_EXTENSIONS = Set.of("css", "js", "mjs", "map", "png", "jpg", "jpeg",
            "gif", "svg", "ico", "webp", "avif", "woff", "woff2", "ttf", "otf", "eot", "txt", "xml", "json", "pdf",
            "zip", "mp3", "mp4", "webm");

    private final String prefix;
    private final List<String> excluded;

    /**
     * Creates the rule.
     *
     * @param prefix the counting routes' prefix, {@code ""} for the root (then nothing is excluded for it)
     * @param excludedPaths paths never counted, with everything below them
     * @throws IllegalArgumentException naming the value when the prefix or a path is malformed
     */
    public PageRule(String prefix, Collection<String> excludedPaths) {
        if (prefix == null || !prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/") || !plainPath(prefix))) {
            throw new IllegalArgumentException("prefix \"" + prefix
                    + "\" must be empty or start with / and not end with /, without spaces, ? or #");
        }
        for (String path : excludedPaths) {
            if (path == null || !path.startsWith("/") || !plainPath(path)) {
                throw new IllegalArgumentException("excluded path \"" + path + "\" must start with /, without spaces, ? or #");
            }
        }
        this.prefix = prefix;
        this.excluded = List.copyOf(excludedPaths);
    }

    /** The counting routes' prefix. */
    public String prefix() {
        return prefix;
    }

    /**
     * Whether a request may be a page to count, known before it is answered.
     *
     * @param method the HTTP method
     * @param path the path inside the application
     */
    public boolean mayCount(String method, String path) {
        if (!"GET".equals(method)) {
            return false;
        }
        if (!prefix.isEmpty() && (path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return false;
        }
        for (String e : excluded) {
            if (path.equals(e) || path.startsWith(e) && (e.endsWith("/") || path.charAt(e.length()) == '/')) {
                return false;
            }
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot <= slash || !STATIC_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether an answer is a page a reader saw: 2xx with an HTML body.
     *
     * @param status the answer's status
     * @param contentType its {@code Content-Type}, or {@code null}
     */
    public static boolean isPage(int status, String contentType) {
        return status >= 200 && status <= 299 && contentType != null
                && contentType.regionMatches(true, 0, "text/html", 0, "text/html".length());
    }

    private static boolean plainPath(String path) {
        return path.chars().noneMatch(c -> c <= ' ' || c == '?' || c == '#' || c == 127);
    }
}
