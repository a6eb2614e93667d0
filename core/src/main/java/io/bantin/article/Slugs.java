package io.bantin.article;

import io.bantin.article.internal.Text;
import java.util.Objects;

/** Vietnamese-aware URL slugs. Stateless and thread-safe. */
public final class Slugs {

    private Slugs() {
    }

    /**
     * Turns a title into a URL slug: decomposes (NFKD), strips the marks, maps đ/Đ and the look-alike ð/Ð to d, lower-cases,
     * turns any run of other characters into one "-", trims "-" at both ends and cuts to at most 80
     * characters at a word boundary. Precomposed and combining input give the same slug. A text with
     * no letters or digits gives {@code "bai-viet"}. Example: "Văn phòng Tỉnh ủy Bắc Ninh chủ động đổi
     * mới" gives {@code van-phong-tinh-uy-bac-ninh-chu-dong-doi-moi}. Uniqueness ({@code -2},
     * {@code -3}, …) is the repository's job.
     *
     * @param text the title or any text
     * @return a slug matching {@code ^[a-z0-9]+(-[a-z0-9]+)*$}, at most 80 characters
     * @throws NullPointerException if {@code text} is null
     */
    public static String slugify(String text) {
        Objects.requireNonNull(text, "text");
        return Text.slugify(text);
    }
}
