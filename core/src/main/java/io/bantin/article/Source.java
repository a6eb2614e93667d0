package io.bantin.article;

/**
 * Where an article comes from, shown as the "Nguồn: …" line: a text and an optional http(s) URL.
 * Values are stripped and a blank URL becomes {@code null}; {@link Article} checks the rules (text
 * required, URL http or https) so that all broken fields are reported at once.
 *
 * @param text the source as shown, e.g. "Văn phòng Tỉnh ủy"
 * @param url the source's address, or {@code null}
 */
public record Source(String text, String url) {

    /** Normalizes blanks; never throws. */
    public Source {
        text = text == null ? "" : text.strip();
        url = url == null || url.isBlank() ? null : url.strip();
    }

    /**
     * A source without a URL.
     *
     * @param text the source as shown
     * @return the source
     */
    public static Source of(String text) {
        return new Source(text, null);
    }
}
