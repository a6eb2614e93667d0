package io.bantin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bantin.visit.VisitStats;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reader tools in a real browser: Debian's headless Chromium loads a page built from the
 * helpers (from disk, so the test can add its own probe script; the page itself has none) and
 * reports the state as the document title. Skipped without Chromium unless
 * {@code BANTIN_REQUIRE_BROWSER=true}, as CI sets it.
 */
class ReaderToolsBrowserTest {

    private static Path chromium;
    private static Path work;

    @BeforeAll
    static void findBrowser() throws IOException {
        chromium = Stream.of("chromium", "chromium-browser", "google-chrome")
                .map(ReaderToolsBrowserTest::onPath).flatMap(Optional::stream).findFirst().orElse(null);
        if (chromium == null && "true".equals(System.getenv("BANTIN_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("BANTIN_REQUIRE_BROWSER=true but no chromium on the PATH");
        }
        assumeTrue(chromium != null, "no chromium on the PATH");
        work = Files.createDirectories(Paths.get("target", "reader-browser-test").toAbsolutePath());
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Paths.get(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Writes the page with a probe script, loads it and returns the title the probe set. */
    private static String run(Path profile, String headProbe, String bodyProbe) throws Exception {
        ArticleRenderer renderer = new ArticleRenderer(RenderOptions.builder().assetPath("assets").build());
        Path dir = Files.createDirectories(work.resolve("page"));
        Files.createDirectories(dir.resolve("assets"));
        for (Map.Entry<String, byte[]> asset : ReaderAssets.all().entrySet()) {
            Files.write(dir.resolve("assets").resolve(asset.getKey()), asset.getValue());
        }
        String page = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>-</title>"
                + renderer.headAssets() + "<script>" + headProbe + "</script></head><body><main>"
                + renderer.articleFragment(PAGE_ARTICLE, Samples.VIEWS) + "</main><aside>"
                + renderer.statsBox(new VisitStats(1, 2, 3, 4, 5, 6, 7, 8, Samples.PUBLISHED))
                + "</aside><script>" + bodyProbe + "</script></body></html>";
        Path file = dir.resolve("page.html");
        Files.writeString(file, page, StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=3000", "--dump-dom", file.toUri().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Jsoup.parse(new String(out, StandardCharsets.UTF_8)).title();
    }

    /** The sample article with a link in its body, so link colours can be measured. */
    private static final io.bantin.article.Article PAGE_ARTICLE = Samples.article().toBuilder()
            .body(Samples.article().body() + "<p>Xem <a href=\"https://example.gov.vn/chi-tiet\">chi tiết</a>.</p>")
            .build();

    private static final String STATE = "var r=document.documentElement,q=function(s){return document.querySelector(s)};"
            + "function state(){return [r.getAttribute('data-bantin-font'),r.getAttribute('data-bantin-contrast'),"
            + "q('[data-bantin-action=contrast]').getAttribute('aria-pressed'),"
            + "q('[data-bantin-action=font-larger]').getAttribute('aria-disabled'),"
            + "q('[data-bantin-action=font-smaller]').getAttribute('aria-disabled'),"
            + "q('[data-bantin-status]').textContent,getComputedStyle(q('.bantin-article')).fontSize,"
            + "getComputedStyle(q('[data-bantin-action=font-larger]')).display].join('|')}";

    @Test
    void buttonsScaleTheTextToggleContrastAndPersistBeforeFirstPaint() throws Exception {
        Path profile = Files.createTempDirectory(work, "profile");
        String clicks = STATE + "window.addEventListener('load',function(){"
                + "var before=state();"
                + "for(var i=0;i<9;i++){q('[data-bantin-action=font-larger]').click();}"
                + "var max=state();"
                + "q('[data-bantin-action=font-reset]').click();q('[data-bantin-action=font-larger]').click();"
                + "q('[data-bantin-action=contrast]').click();"
                + "document.title=before+'#'+max+'#'+state();});";
        String[] states = run(profile, "", clicks).split("#");
        assertThat(states).hasSize(3);
        // Before: defaults, buttons shown because JavaScript runs, 16px text.
        assertThat(states[0]).isEqualTo("||false|false|false||16px|flex");
        // A+ stops at 200 %: 32px and A+ marked disabled.
        assertThat(states[1]).isEqualTo("200||false|true|false|Cỡ chữ 200%|32px|flex");
        // Reset then A+ once: 112.5 %; contrast on and announced.
        assertThat(states[2]).isEqualTo("112.5|high|true|false|false|Đã bật tương phản cao|18px|flex");

        // A new page in the same profile has the choices on <html> while the head is still parsing.
        String head = "document.title=[document.documentElement.getAttribute('data-bantin-font'),"
                + "document.documentElement.getAttribute('data-bantin-contrast')].join('|');";
        assertThat(run(profile, head, "")).isEqualTo("112.5|high");
    }

    /**
     * Measures, in the browser, the WCAG 2.x contrast ratio of every text-bearing element of each
     * part of the page: computed {@code color} (alpha-blended) against the effective background,
     * found by compositing the {@code background-color} of the element and its ancestors over the
     * white canvas. Reports the lowest ratio per part, and the smallest toolbar button box.
     */
    private static final String MEASURE = "function rgba(s){var m=s.match(/rgba?\\(([^)]*)\\)/);"
            + "if(!m){throw new Error('colour '+s);}var p=m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);"
            + "return {r:p[0],g:p[1],b:p[2],a:p.length>3?p[3]:1};}"
            + "function over(top,under){return {r:top.r*top.a+under.r*(1-top.a),g:top.g*top.a+under.g*(1-top.a),"
            + "b:top.b*top.a+under.b*(1-top.a),a:1};}"
            + "function background(e){var chain=[];for(var n=e;n;n=n.parentElement){chain.push(n);}"
            + "var c={r:255,g:255,b:255,a:1};for(var i=chain.length-1;i>=0;i--){"
            + "c=over(rgba(getComputedStyle(chain[i]).backgroundColor),c);}return c;}"
            + "function lum(c){function ch(v){v/=255;return v<=0.04045?v/12.92:Math.pow((v+0.055)/1.055,2.4);}"
            + "return 0.2126*ch(c.r)+0.7152*ch(c.g)+0.0722*ch(c.b);}"
            + "function ratio(e){var b=background(e),f=over(rgba(getComputedStyle(e).color),b);"
            + "var l1=lum(f),l2=lum(b);return (Math.max(l1,l2)+0.05)/(Math.min(l1,l2)+0.05);}"
            + "function ownText(e){for(var n=e.firstChild;n;n=n.nextSibling){"
            + "if(n.nodeType===3&&n.nodeValue.trim()){return true;}}return false;}"
            + "var PARTS={title:'.bantin-article__title',date:'.bantin-article__date, .bantin-article__date *',"
            + "body:'.bantin-article__body p, .bantin-article__body h2, .bantin-article__body strong',"
            + "signature:'.bantin-signature, .bantin-signature *',source:'.bantin-source, .bantin-source *',"
            + "views:'.bantin-views, .bantin-views *',"
            + "links:'.bantin-article a:not(.bantin-btn), .bantin-stats a',"
            + "buttons:'.bantin-toolbar .bantin-btn, .bantin-toolbar__label',stats:'.bantin-stats, .bantin-stats *'};"
            + "function contrasts(){var out={};Object.keys(PARTS).forEach(function(k){var min=null;"
            + "document.querySelectorAll(PARTS[k]).forEach(function(e){var r=e.getBoundingClientRect();"
            + "if(r.width<2||r.height<2||!ownText(e)){return;}var x=ratio(e);if(min===null||x<min){min=x;}});"
            + "out[k]=min;});return out;}"
            + "function buttons(){var w=1e9,h=1e9,n=0;document.querySelectorAll('.bantin-toolbar .bantin-btn')"
            + ".forEach(function(b){var r=b.getBoundingClientRect();n++;w=Math.min(w,r.width);h=Math.min(h,r.height);});"
            + "return {count:n,minWidth:w,minHeight:h};}";

    @Test
    void contrastIsAtLeast7To1WithTheToggleAnd4Point5WithoutAndButtonsAreAtLeast24Px() throws Exception {
        Path profile = Files.createTempDirectory(work, "profile");
        String probe = MEASURE + "window.addEventListener('load',function(){try{"
                + "var normal=contrasts(),size=buttons();"
                + "document.querySelector('[data-bantin-action=contrast]').click();"
                + "document.title=JSON.stringify({normal:normal,high:contrasts(),buttons:size,"
                + "theme:document.documentElement.getAttribute('data-bantin-contrast')});"
                + "}catch(x){document.title='error: '+x;}});";
        String title = run(profile, "", probe);
        assertThat(title).startsWith("{");
        JsonNode result = new ObjectMapper().readTree(title);
        System.out.println("Reader contrast ratios measured in Chromium: " + result);
        assertThat(result.get("theme").asText()).isEqualTo("high");

        List<String> parts = List.of("title", "date", "body", "signature", "source", "views", "links", "buttons", "stats");
        for (String part : parts) {
            JsonNode normal = result.get("normal").get(part);
            JsonNode high = result.get("high").get(part);
            assertThat(normal.isNumber()).as("%s measured (normal theme)", part).isTrue();
            assertThat(high.isNumber()).as("%s measured (high contrast)", part).isTrue();
            // SC 1.4.3 (AA) for the normal theme, SC 1.4.6 / G174 (AAA) for the toggle.
            assertThat(normal.asDouble()).as("%s contrast, normal theme", part).isGreaterThanOrEqualTo(4.5);
            assertThat(high.asDouble()).as("%s contrast, high-contrast theme", part).isGreaterThanOrEqualTo(7.0);
        }

        // SC 2.5.8: every toolbar control (A+, A, A-, contrast, print) at least 24 x 24 CSS px.
        JsonNode size = result.get("buttons");
        assertThat(size.get("count").asInt()).isEqualTo(5);
        assertThat(size.get("minWidth").asDouble()).isGreaterThanOrEqualTo(24.0);
        assertThat(size.get("minHeight").asDouble()).isGreaterThanOrEqualTo(24.0);
    }

    @Test
    void smallerStopsAt87Point5Percent() throws Exception {
        Path profile = Files.createTempDirectory(work, "profile");
        String clicks = STATE + "window.addEventListener('load',function(){"
                + "for(var i=0;i<5;i++){q('[data-bantin-action=font-smaller]').click();}document.title=state();});";
        assertThat(run(profile, "", clicks)).isEqualTo("87.5||false|false|true|Cỡ chữ 87,5%|14px|flex");
    }

    @Test
    void nothingSticksOutAt320PixelsAnd200Percent() throws Exception {
        Path profile = Files.createTempDirectory(work, "profile");
        // Headless Chromium will not open a window narrower than 500 px, so the probe narrows the
        // page's content to 320 px instead, then lists what ends right of it.
        String probe = "window.addEventListener('load',function(){"
                + "document.body.style.margin='0';var m=document.querySelector('main');m.style.width='320px';"
                + "var a=document.querySelector('aside');a.style.width='320px';"
                + "document.documentElement.setAttribute('data-bantin-font','200');"
                + "var bad=[];[m,a].forEach(function(box){var edge=box.getBoundingClientRect().right+0.5;"
                + "box.querySelectorAll('*').forEach(function(e){var r=e.getBoundingClientRect();"
                + "if(r.width>0&&r.right>edge){bad.push(e.tagName+'.'+e.className);}});});"
                + "document.title='overflow:'+bad.length+':'+bad.slice(0,5).join(',')+':'"
                + "+getComputedStyle(document.querySelector('.bantin-article')).fontSize;});";
        assertThat(run(profile, "", probe)).isEqualTo("overflow:0::32px");
    }
}
