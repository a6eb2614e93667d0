/**
 * bantin-core: the visit counter (in memory) and the article model. Its API packages are
 * {@code io.bantin.visit} and {@code io.bantin.article}; {@code io.bantin.article.internal} is shared
 * with bantin's own modules only.
 */
module io.bantin.core {
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports io.bantin.article;
    exports io.bantin.visit;
    exports io.bantin.article.internal to io.bantin.jdbc, io.bantin.render;
}
