package io.bantin.server.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the server's own precompiled jte templates (server/src/main/jte) to strings. There is no
 * javalin-rendering for Javalin 7, and a string is what we want anyway: it lets a route set status
 * and headers after rendering. Thread-safe.
 */
public final class Templates {
    private final TemplateEngine engine;

    /** Loads the precompiled templates of package {@code io.bantin.server.jte}. */
    public Templates() {
        this.engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(),
                "io.bantin.server.jte");
    }

    /**
     * Renders a template.
     *
     * @param name template path relative to the jte root, e.g. {@code "list.jte"}
     * @param params the template's parameters by name
     * @return the HTML
     * @throws gg.jte.TemplateException when the template is missing or a parameter is wrong
     */
    public String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        engine.render(name, params, out);
        return out.toString();
    }
}
