package io.bantin.article;

/**
 * Who signed an article: a name and, optionally, a position, e.g. "Tỉnh ủy viên, Chánh Văn phòng
 * Tỉnh ủy". Values are stripped of surrounding blanks and a blank position becomes {@code null};
 * the rules (name required, lengths) are checked by {@link Article} so that all broken fields are
 * reported at once.
 *
 * @param name the author's name
 * @param position the author's position or title, or {@code null}
 */
public record Author(String name, String position) {

    /** Normalizes blanks; never throws. */
    public Author {
        name = name == null ? "" : name.strip();
        position = position == null || position.isBlank() ? null : position.strip();
    }

    /**
     * An author without a position.
     *
     * @param name the author's name
     * @return the author
     */
    public static Author of(String name) {
        return new Author(name, null);
    }
}
