package io.bantin.server.browser;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.openqa.selenium.WebElement;

/**
 * Questions the browser tests ask of a rendered portal page, answered by small scripts run in
 * the page. They find things the way a reader does (by visible text), not by CSS class names, so
 * they keep working when the templates' markup changes.
 */
final class PageProbes {

    private PageProbes() {
    }

    /** Shared helper: a short readable name for an element in failure messages. */
    private static final String DESCRIBE = """
            const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (typeof e.className === 'string' && e.className.trim()
                   ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            """;

    /**
     * The element of the page that holds the article body's first sizeable paragraph, found by
     * its text (parsed from the body HTML the JSON API returns).
     *
     * @throws AssertionError when the page does not show that text
     */
    static WebElement articleParagraph(Browser browser, String bodyHtml) {
        Object found = browser.js("""
                const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
                const doc = new DOMParser().parseFromString(arguments[0], 'text/html');
                const texts = Array.from(doc.querySelectorAll('p')).map(p => norm(p.textContent));
                const first = texts.find(t => t.length >= 20) || norm(doc.body.textContent);
                const key = first.substring(0, 40);
                let best = null;
                for (const e of document.body.querySelectorAll('*')) {
                  if (norm(e.textContent).includes(key)) { best = e; }
                }
                return best;
                """, bodyHtml);
        if (!(found instanceof WebElement element)) {
            throw new AssertionError("the article's first paragraph is not on " + browser.url());
        }
        return element;
    }

    /** Text colour and background of the page, the article's container and the paragraph. */
    static String colours(Browser browser, WebElement paragraph) {
        return String.valueOf(browser.js("""
                const p = arguments[0];
                const box = p.closest('article, main') || p.parentElement;
                return [document.documentElement, document.body, box, p]
                  .map(e => { const s = getComputedStyle(e); return s.color + ' on ' + s.backgroundColor; })
                  .join(' | ');
                """, paragraph));
    }

    /**
     * Horizontal overflow of the page: the document's scroll and client widths and, when it
     * overflows, up to ten elements that stick out on the right.
     */
    static Map<String, Object> horizontalOverflow(Browser browser) {
        @SuppressWarnings("unchecked") // Selenium returns a JS object as Map<String, Object>
        Map<String, Object> result = (Map<String, Object>) browser.js(DESCRIBE + """
                const de = document.documentElement;
                const offenders = [];
                if (de.scrollWidth > de.clientWidth) {
                  for (const e of document.body.querySelectorAll('*')) {
                    const r = e.getBoundingClientRect();
                    if (r.width > 0 && r.right > de.clientWidth + 1 && offenders.length < 10) {
                      offenders.push(describe(e) + ' right=' + Math.round(r.right));
                    }
                  }
                }
                return {scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, offenders: offenders};
                """);
        return result;
    }

    /**
     * Elements that cut off their own text: overflow hidden or clipped with content larger than
     * the box. Boxes of at most 1 px are skipped: that is the usual visually-hidden pattern for
     * screen-reader-only text, hidden on purpose.
     */
    static List<String> clippedText(Browser browser) {
        @SuppressWarnings("unchecked") // Selenium returns a JS array as List
        List<String> result = (List<String>) browser.js(DESCRIBE + """
                const out = [];
                for (const e of document.body.querySelectorAll('*')) {
                  const s = getComputedStyle(e);
                  if (s.display === 'none' || s.visibility === 'hidden') continue;
                  const clipsX = /hidden|clip/.test(s.overflowX);
                  const clipsY = /hidden|clip/.test(s.overflowY);
                  if (!clipsX && !clipsY) continue;
                  if (e.clientWidth <= 1 || e.clientHeight <= 1) continue;
                  if (!(e.innerText || '').trim()) continue;
                  if ((clipsX && e.scrollWidth > e.clientWidth + 1) || (clipsY && e.scrollHeight > e.clientHeight + 1)) {
                    out.push(describe(e) + ' ' + e.scrollWidth + 'x' + e.scrollHeight
                             + ' in ' + e.clientWidth + 'x' + e.clientHeight);
                  }
                }
                return out.slice(0, 20);
                """);
        return result;
    }

    /**
     * A figure of the "Thống kê truy cập" box, by its row label (e.g. "Hôm nay"), with the
     * grouping separators removed; empty when the box or the row is missing.
     */
    static OptionalLong statsFigure(Browser browser, String label) {
        Object value = browser.js("""
                const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
                const label = arguments[0].toLowerCase();
                let box = null;
                for (const e of document.body.querySelectorAll('*')) {
                  const t = norm(e.textContent).toLowerCase();
                  if (t.includes('thống kê truy cập') && t.includes(label)) { box = e; }
                }
                if (!box) return null;
                const isLabel = e => norm(e.textContent).toLowerCase().replace(/:$/, '') === label;
                const el = Array.from(box.querySelectorAll('*')).find(isLabel);
                if (!el) return null;
                let text = '';
                if (el.nextElementSibling && /\\d/.test(el.nextElementSibling.textContent)) {
                  text = el.nextElementSibling.textContent;
                } else {
                  text = norm(el.parentElement.textContent).substring(norm(el.textContent).length);
                }
                const digits = text.replace(/[^0-9]/g, '');
                return digits ? digits : null;
                """, label);
        return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(String.valueOf(value)));
    }
}
