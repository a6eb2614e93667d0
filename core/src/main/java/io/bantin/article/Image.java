package io.bantin.article;

/**
 * An article's featured image: an http(s) URL and its alternative text. Values are stripped;
 * {@link Article} checks the rules (URL http or https, alt text required) so that all broken fields
 * are reported at once.
 *
 * @param url the image address
 * @param alt the text that replaces the image for people who cannot see it
 */
public record Image(String url, String alt) {

    /** Normalizes blanks; never throws. */
    public Image {
        url = url == null ? "" : url.strip();
        alt = alt == null ? "" : alt.strip();
    }
}
