/**
 * bantin-core: the visit counter (in memory) and the article model. Its API packages are
 * {@code io.bantin.visit}, {@code io.bantin.visit.spi} (for stores) and {@code io.bantin.article}; {@code io.bantin.article.internal} is shared
 * with bantin's own modules only.
 */
module io.bantin.core {
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports io.bantin.article;
    exports io.bantin.visit;
    // The store SPI: what a store of visits implements (bantin-jdbc's, or an application's own).
    exports io.bantin.visit.spi;
    exports io.bantin.article.internal to io.bantin.jdbc, io.bantin.render;
}
