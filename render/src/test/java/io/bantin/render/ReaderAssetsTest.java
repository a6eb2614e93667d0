package io.bantin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReaderAssetsTest {

    private static String text(String name) {
        return new String(ReaderAssets.all().get(name), StandardCharsets.UTF_8);
    }

    @Test
    void shipsTheFourFiles() {
        Map<String, byte[]> all = ReaderAssets.all();
        assertThat(all).containsOnlyKeys("reader.css", "print.css", "prefs.js", "reader.js");
        assertThat(all.values()).allSatisfy(b -> assertThat(b).isNotEmpty());
        all.get("reader.js")[0] = 0;
        assertThat(ReaderAssets.all().get("reader.js")[0]).as("callers get copies").isNotZero();
        assertThat(ReaderAssets.contentType("reader.css")).startsWith("text/css");
        assertThat(ReaderAssets.contentType("prefs.js")).startsWith("text/javascript");
    }

    @Test
    void cssCoversEveryFontStepContrastAndForcedColours() {
        String css = text("reader.css");
        for (String step : new String[] {"87.5", "112.5", "125", "150", "175", "200"}) {
            assertThat(css).contains("html[data-bantin-font=\"" + step + "\"]");
        }
        assertThat(css).contains("html[data-bantin-contrast=\"high\"]", "@media (prefers-contrast: more)",
                "@media (forced-colors: active)", "min-width: 2.75rem", "min-height: 2.75rem");
        assertThat(css).doesNotContainPattern("font-size:\\s*[0-9.]+px");
        String print = text("print.css");
        assertThat(print).contains(".bantin-toolbar", ".bantin-stats", "nav", ".bantin-permalink", "attr(href)");
    }

    @Test
    void scriptsStayWithinAStrictPolicy() {
        for (String js : new String[] {text("prefs.js"), text("reader.js")}) {
            assertThat(js).doesNotContain("eval(", "innerHTML", "new Function", "document.write", "setAttribute('style'", ".style.");
        }
        assertThat(text("prefs.js")).contains("localStorage", "prefers-contrast: more", "data-bantin-font", "data-bantin-contrast");
        assertThat(text("reader.js")).contains("aria-pressed", "window.print()", "'87.5'", "'200'");
    }
}
