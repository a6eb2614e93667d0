package io.bantin.article.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Vietnamese-aware text folding shared by slugs and diacritic-insensitive search. Public only for
 * wiring between bantin packages; not part of the API. Stateless and thread-safe.
 */
public final class Text {

    /** The slug of a title that has no letters or digits (e.g. only emoji or punctuation). */
    public static final String FALLBACK_SLUG = "bai-viet";

    /** The longest slug. */
    public static final int MAX_SLUG_LENGTH = 80;

    private Text() {
    }

    /**
     * Folds text to lower-case ASCII letters and digits separated by single {@code sep} characters:
     * compatibility-decomposes (NFKD, so precomposed and combining input agree and full-width digits
     * become ASCII), strips combining marks, maps đ/Đ (which have no decomposition) and the look-alike ð/Ð to d.
     *
     * @param text any text, not null
     * @param sep the separator put between runs of letters and digits
     * @return the folded text, possibly empty
     */
    public static String fold(String text, char sep) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSep = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            // Đ/đ have no decomposition; Icelandic eth Ð/ð (U+00D0/U+00F0) looks identical to Đ in
            // capitals and is a common mistyping of it from some keyboards and OCR, so it folds to d too.
            if (c == 'đ' || c == 'Đ' || c == '\u00d0' || c == '\u00f0') {
                c = 'd';
            }
            if (Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK) {
                continue;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
                if (pendingSep && out.length() > 0) {
                    out.append(sep);
                }
                pendingSep = false;
                out.append(lower);
            } else {
                pendingSep = true;
            }
        }
        return out.toString();
    }

    /**
     * Folds text for search: words of {@code [a-z0-9]} separated by single spaces.
     *
     * @param text any text, may be null
     * @return the folded words, empty for null
     */
    public static String searchFold(String text) {
        return text == null ? "" : fold(text, ' ');
    }

    /**
     * The slug of a text (see {@code Slugs.slugify}).
     *
     * @param text any text, not null
     * @return a well-formed slug of at most 80 characters
     */
    public static String slugify(String text) {
        String slug = cut(fold(text, '-'), MAX_SLUG_LENGTH);
        return slug.isEmpty() ? FALLBACK_SLUG : slug;
    }

    /**
     * Cuts a slug to at most {@code max} characters at a word boundary; a single word longer than
     * {@code max} is cut hard.
     *
     * @param slug a well-formed slug
     * @param max the longest result
     * @return the cut slug
     */
    public static String cut(String slug, int max) {
        if (slug.length() <= max) {
            return slug;
        }
        if (slug.charAt(max) == '-') {
            return slug.substring(0, max);
        }
        int lastHyphen = slug.lastIndexOf('-', max - 1);
        return lastHyphen > 0 ? slug.substring(0, lastHyphen) : slug.substring(0, max);
    }

    /**
     * The slug {@code base} with the uniqueness suffix {@code -n} for n ≥ 2, still at most 80
     * characters.
     *
     * @param base a well-formed slug
     * @param n the suffix number; 1 returns {@code base}
     * @return the suffixed slug
     */
    public static String withSuffix(String base, int n) {
        if (n <= 1) {
            return base;
        }
        String suffix = "-" + n;
        return cut(base, MAX_SLUG_LENGTH - suffix.length()) + suffix;
    }

    /**
     * Whether {@code url} is an absolute http or https URL with a host.
     *
     * @param url the candidate, may be null
     * @return true if acceptable as a link target in stored data
     */
    public static boolean isHttpUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.toLowerCase(Locale.ROOT).equals("http") || scheme.toLowerCase(Locale.ROOT).equals("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
