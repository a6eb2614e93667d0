/**
 * bantin's core: the visit counter ({@code io.bantin.visit}) and the article model
 * ({@code io.bantin.article}). Depends on Caffeine and SLF4J only.
 */
module io.bantin.core {
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports io.bantin.article;
    exports io.bantin.visit;
}
