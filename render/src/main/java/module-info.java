/**
 * bantin-render: the article fragment, reader tools, print view, stats box, metadata and feeds as
 * HTML, JSON-LD and RSS.
 */
module io.bantin.render {
    requires transitive io.bantin.core;
    requires com.github.benmanes.caffeine;
    requires gg.jte.runtime;
    // The generated templates carry @javax.annotation.processing.Generated, needed only to compile.
    requires static java.compiler;
    requires org.jsoup;
    requires com.fasterxml.jackson.databind;
    requires com.rometools.rome;
    requires java.xml;

    exports io.bantin.render;
    // The precompiled templates are loaded and called by the jte runtime.
    opens gg.jte.generated.precompiled.bantin to gg.jte.runtime;
}
