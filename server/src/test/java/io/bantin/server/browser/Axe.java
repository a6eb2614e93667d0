package io.bantin.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs axe-core in the current page for the WCAG 2.2 A and AA rules and reports what it finds.
 *
 * <p>{@code axe.min.js} comes from the axe-core carrier jar on the test classpath; it is injected
 * through WebDriver, which the page's Content-Security-Policy does not govern.
 */
final class Axe {

    /** The axe-core rule tags that make up WCAG 2.0–2.2 levels A and AA. */
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final String RESOURCE = "axe.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String source;

    private Axe() {
    }

    /** One failed rule: its id, impact, help text and the CSS selectors of the offending nodes. */
    record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return id + " [" + impact + "] " + help + " -> " + targets;
        }
    }

    /**
     * Audits the page the browser shows now.
     *
     * @return the violations, empty when none
     * @throws AssertionError when axe cannot run (its error is in the message)
     */
    static List<Violation> audit(Browser browser) {
        if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object';"))) {
            browser.js(source());
        }
        Object result = browser.jsAsync("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' '))})))))
                   .catch(e => done('ERROR ' + e));
                """, WCAG_22_AA);
        String json = String.valueOf(result);
        if (json.startsWith("ERROR")) {
            throw new AssertionError("axe-core failed on " + browser.url() + ": " + json);
        }
        try {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : JSON.readTree(json)) {
                List<String> targets = new ArrayList<>();
                v.path("targets").forEach(t -> targets.add(t.asText()));
                violations.add(new Violation(v.path("id").asText(), v.path("impact").asText(),
                        v.path("help").asText(), targets));
            }
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A failure message listing each violation on its own line. */
    static String describe(String page, List<Violation> violations) {
        return violations.size() + " WCAG 2.2 A/AA violation(s) on " + page + ":\n  "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("\n  "));
    }

    private static String source() {
        String s = source;
        if (s == null) {
            try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the test classpath"
                            + " (test dependency com.deque.html.axe-core:selenium carries it)");
                }
                s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            source = s;
        }
        return s;
    }
}
