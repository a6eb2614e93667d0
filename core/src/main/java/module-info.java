/**
 * bantin-core: the visit counter ({@code io.bantin.visit}, with the store SPI in
 * {@code io.bantin.visit.spi}) and the article model ({@code io.bantin.article}). Depends on Caffeine
 * and SLF4J only. {@code io.bantin.article.internal} is shared with bantin's own modules only.
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
