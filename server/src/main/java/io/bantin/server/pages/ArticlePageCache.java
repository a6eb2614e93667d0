package io.bantin.server.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bantin.article.Article;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The article page for anonymous readers without rendering it per request. The page is rendered
 * once per article version (keyed by the article's id, checked against its slug and
 * {@code updatedAt}) by a {@link PageRenderer} that knows nothing of requests or counting, with a
 * marker for the stats box and an unmistakable view count; both are found and the page is cut into
 * UTF-8 byte segments around them. A request then writes the segments with the figures it passes
 * in (the current view count and stats box) in between. The cut is verified by rendering a second
 * time with other values: if the two disagree in any other place (the renderer formats numbers
 * some unforeseen way), that article is simply rendered per request. Thread-safe.
 */
public final class ArticlePageCache {
    /** Where the stats box goes; an HTML comment no template writes by itself. */
    static final String STATS_MARKER = "<!--bantin:stats-box-->";

    /**
     * Javalin decides whether to compress a response on its first write, and only does for at
     * least this many bytes (its default {@code minSizeForCompression}): a page whose first segment
     * is shorter is written in one piece.
     */
    static final int FIRST_WRITE_MIN = 1500;

    private static final long PROBE_1 = 9_182_736_455_107L;
    private static final long PROBE_2 = 1_029_384_756_601L;
    private static final String PROBE_STATS_2 = "<!--bantin:second-probe-->";
    private static final char[] SEPARATORS = {'.', ',', ' ', '\u00a0', '\u202f', '\u2009', '\''};

    /**
     * Renders the whole article page for an anonymous reader from the article and the figures it
     * shows; it must not look anything up per call that a request could change (the page is cut
     * and reused for every reader until the article changes).
     */
    @FunctionalInterface
    public interface PageRenderer {
        /**
         * Returns the page as HTML.
         *
         * @param article the article
         * @param views the view count to show
         * @param statsBoxHtml the stats box to show
         * @return the whole HTML document
         */
        String render(Article article, long views, String statsBoxHtml);
    }

    private final PageRenderer render;
    private final Cache<Long, Optional<PageTemplate>> templates = Caffeine.newBuilder()
            .maximumSize(2_000)
            // A safety net for anything a write through the server did not invalidate (categories
            // changing when a scheduled article comes out); not a correctness mechanism.
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    /**
     * Creates the cache.
     *
     * @param render renders the whole page of an article from its view count and a stats box
     */
    public ArticlePageCache(PageRenderer render) {
        this.render = render;
    }

    /**
     * The page as {@link #write} sends it, assembled (tests compare the two), or empty when this
     * article's page cannot be cut.
     */
    Optional<byte[]> page(Article article, long views, String statsBox) {
        return template(article).map(t -> t.fill(views, statsBox.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes the page to {@code out} (the response) segment by segment, without a page-sized array
     * per request.
     *
     * @return false, having written nothing, when this article's page cannot be cut
     * @throws IOException when writing fails
     */
    public boolean write(OutputStream out, Article article, long views, byte[] statsBoxUtf8) throws IOException {
        Optional<PageTemplate> t = template(article);
        if (t.isEmpty()) {
            return false;
        }
        t.get().writeTo(out, views, statsBoxUtf8);
        return true;
    }

    private Optional<PageTemplate> template(Article article) {
        Optional<PageTemplate> t = templates.getIfPresent(article.id());
        if (t == null || (t.isPresent() && !t.get().matches(article))) {
            t = build(article);
            templates.put(article.id(), t);
        }
        return t;
    }

    /** Forgets every page; call after any write. */
    public void invalidate() {
        templates.invalidateAll();
    }

    private Optional<PageTemplate> build(Article article) {
        String first = render.render(article, PROBE_1, STATS_MARKER);
        PageTemplate t = PageTemplate.cut(article, first);
        if (t == null) {
            return Optional.empty();
        }
        String second = render.render(article, PROBE_2, PROBE_STATS_2);
        byte[] expected = t.fill(PROBE_2, PROBE_STATS_2.getBytes(StandardCharsets.UTF_8));
        if (!java.util.Arrays.equals(expected, second.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Static byte segments with holes for the views (in some digit grouping) and the stats box. */
    private static final class PageTemplate {
        private final long id;
        private final String slug;
        private final java.time.Instant updatedAt;
        private final List<Object> parts;
        private final int staticSize;
        private final int viewHoles;

        private PageTemplate(Article a, List<Object> parts) {
            this.id = a.id();
            this.slug = a.slug();
            this.updatedAt = a.updatedAt();
            this.parts = List.copyOf(parts);
            int size = 0;
            for (Object p : parts) {
                if (p instanceof byte[]) {
                    size += ((byte[]) p).length;
                }
            }
            this.staticSize = size;
            this.viewHoles = (int) parts.stream().filter(p -> p instanceof Views).count();
        }

        boolean matches(Article a) {
            return a.id() == id && a.slug().equals(slug) && Objects.equals(a.updatedAt(), updatedAt);
        }

        /** Cuts the page at every stats marker and every spelling of the probe count; null when there is none. */
        static PageTemplate cut(Article a, String html) {
            List<String> needles = new ArrayList<>();
            List<Object> holes = new ArrayList<>();
            needles.add(STATS_MARKER);
            holes.add(Hole.STATS);
            for (char sep : SEPARATORS) {
                needles.add(group(PROBE_1, sep));
                holes.add(new Views(sep));
            }
            needles.add(Long.toString(PROBE_1));
            holes.add(new Views('\0'));

            List<Object> parts = new ArrayList<>();
            int pos = 0;
            boolean stats = false;
            boolean views = false;
            while (true) {
                int best = -1;
                int which = -1;
                for (int i = 0; i < needles.size(); i++) {
                    int at = html.indexOf(needles.get(i), pos);
                    if (at >= 0 && (best < 0 || at < best)) {
                        best = at;
                        which = i;
                    }
                }
                if (best < 0) {
                    parts.add(html.substring(pos).getBytes(StandardCharsets.UTF_8));
                    break;
                }
                parts.add(html.substring(pos, best).getBytes(StandardCharsets.UTF_8));
                parts.add(holes.get(which));
                stats |= which == 0;
                views |= which > 0;
                pos = best + needles.get(which).length();
            }
            return stats && views ? new PageTemplate(a, parts) : null;
        }

        byte[] fill(long views, byte[] statsBytes) {
            byte[][] values = values(views);
            int size = staticSize;
            for (byte[] v : values) {
                size += v.length;
            }
            for (Object p : parts) {
                if (p == Hole.STATS) {
                    size += statsBytes.length;
                }
            }
            byte[] out = new byte[size];
            int pos = 0;
            int h = 0;
            for (Object p : parts) {
                byte[] b = p instanceof byte[] ? (byte[]) p : p == Hole.STATS ? statsBytes : values[h++];
                System.arraycopy(b, 0, out, pos, b.length);
                pos += b.length;
            }
            return out;
        }

        /** Writes what {@link #fill} returns, segment by segment, without assembling the page. */
        void writeTo(OutputStream out, long views, byte[] statsBytes) throws IOException {
            if (((byte[]) parts.get(0)).length < FIRST_WRITE_MIN) {
                // Too short a first write would make the response's compression decide against itself.
                out.write(fill(views, statsBytes));
                return;
            }
            byte[][] values = values(views);
            int h = 0;
            for (Object p : parts) {
                out.write(p instanceof byte[] ? (byte[]) p : p == Hole.STATS ? statsBytes : values[h++]);
            }
        }

        /** The bytes of each views hole, in order; each spelling is made once. */
        private byte[][] values(long views) {
            byte[] plain = null;
            byte[][] grouped = null;
            byte[][] values = new byte[viewHoles][];
            int h = 0;
            for (Object p : parts) {
                if (p instanceof Views) {
                    char sep = ((Views) p).separator;
                    byte[] n;
                    if (sep == '\0') {
                        n = plain == null ? plain = Long.toString(views).getBytes(StandardCharsets.US_ASCII) : plain;
                    } else {
                        if (grouped == null) {
                            grouped = new byte[SEPARATORS.length][];
                        }
                        int k = separatorIndex(sep);
                        n = grouped[k] == null ? grouped[k] = group(views, sep).getBytes(StandardCharsets.UTF_8) : grouped[k];
                    }
                    values[h++] = n;
                }
            }
            return values;
        }

        private static int separatorIndex(char sep) {
            for (int i = 0; i < SEPARATORS.length; i++) {
                if (SEPARATORS[i] == sep) {
                    return i;
                }
            }
            throw new IllegalArgumentException("separator " + (int) sep);
        }
    }

    private enum Hole { STATS }

    private record Views(char separator) {
    }

    /** Digits in groups of three joined by {@code sep}, e.g. 1.234.567. */
    static String group(long n, char sep) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            sb.append(sep).append(digits, i, i + 3);
        }
        return sb.toString();
    }
}
