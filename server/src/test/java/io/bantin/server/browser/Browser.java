package io.bantin.server.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium driven through Debian's chromedriver, with the few page queries the
 * bantin browser tests need. Not thread-safe: one test class drives it at a time.
 */
public final class Browser implements AutoCloseable {

    /** Flags for Debian's Chromium in a container without a display or a GPU. */
    static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=vi-VN");

    /** Desktop window used unless a test narrows the viewport. */
    static final Dimension DESKTOP = new Dimension(1280, 900);

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path artifacts;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path artifacts) {
        this.driver = driver;
        this.service = service;
        this.artifacts = artifacts;
    }

    /**
     * Starts Chromium with a fresh profile under {@code workDir}.
     *
     * @param binaries the browser and driver to use (never downloaded)
     * @param workDir  a folder under {@code target/} for the profile, the driver's TMPDIR and its log
     * @return a started browser; close it to stop both processes
     * @throws IOException when the folders cannot be created
     */
    static Browser start(ChromeBinaries binaries, Path workDir) throws IOException {
        Path tmp = driverTmp();
        Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "profile-");
        Path artifacts = Files.createDirectories(workDir.resolve("artifacts"));

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries.driver().toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", tmp.toString()))
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .build();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries.browser().toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());

        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, service, artifacts);
    }

    /**
     * A TMPDIR for chromedriver and Chromium. Chromium puts a Unix socket in it, and socket
     * paths are limited to 107 bytes, so it must be short: {@code target/tmp} unless the checkout
     * is nested so deep that this is too long, then the system's temp folder.
     */
    private static Path driverTmp() throws IOException {
        Path tmp = TestDirs.target().resolve("tmp");
        if (tmp.toString().length() <= MAX_TMPDIR_LENGTH) {
            return Files.createDirectories(tmp);
        }
        return Files.createTempDirectory("bantin-chrome-");
    }

    /** Leaves room for Chromium's {@code /org.chromium.Chromium.XXXXXX/SingletonSocket}. */
    private static final int MAX_TMPDIR_LENGTH = 64;

    /** The underlying Selenium driver, for anything these helpers do not cover. */
    public WebDriver driver() {
        return driver;
    }

    /** Loads {@code url} and waits until the document has finished loading. */
    public void open(String url) {
        driver.get(url);
        waitForLoad();
    }

    /** Reloads the current page and waits until it has finished loading. */
    public void reload() {
        driver.navigate().refresh();
        waitForLoad();
    }

    /** The current page's URL. */
    public String url() {
        return driver.getCurrentUrl();
    }

    /** The visible text of the whole page. */
    public String text() {
        return String.valueOf(js("return document.body ? document.body.innerText : '';"));
    }

    /** Runs a synchronous script in the page and returns its value (Selenium's conversions). */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Runs an asynchronous script; it must call {@code arguments[arguments.length - 1]} with its
     * result within the script timeout (30 s).
     */
    public Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits (at most 10 s) until {@code condition} holds, failing with {@code what} otherwise. */
    public void waitUntil(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, WAIT)
                .withMessage(what)
                .pollingEvery(Duration.ofMillis(100))
                .until(d -> condition.get());
    }

    /**
     * Finds a clickable control (button, link, or role=button) by what a reader sees or hears:
     * its trimmed text, {@code aria-label} or {@code title} equals one of {@code labels}
     * (case-insensitive), or contains it when the label starts with {@code ~}.
     *
     * @return the first visible match
     * @throws AssertionError naming the labels when none is on the page
     */
    public WebElement control(String... labels) {
        Object found = js(FIND_CONTROL, List.of(labels));
        if (!(found instanceof WebElement element)) {
            throw new AssertionError("no control labelled " + List.of(labels) + " on " + url());
        }
        return element;
    }

    /** Whether a control with one of these labels is on the page (see {@link #control}). */
    public boolean hasControl(String... labels) {
        return js(FIND_CONTROL, List.of(labels)) instanceof WebElement;
    }

    /** A computed CSS property of an element, e.g. {@code font-size} → {@code "18px"}. */
    public String computed(WebElement element, String property) {
        return String.valueOf(js(
                "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);",
                element, property));
    }

    /** A computed length in CSS pixels, e.g. font-size. */
    public double computedPx(WebElement element, String property) {
        String value = computed(element, property).trim().toLowerCase(Locale.ROOT);
        if (!value.endsWith("px")) {
            throw new AssertionError(property + " is not in px: " + value);
        }
        return Double.parseDouble(value.substring(0, value.length() - 2));
    }

    /**
     * Emulates a viewport of the given CSS size (no mobile emulation), so that 320 px really
     * is 320 CSS pixels whatever the headless window allows.
     */
    public void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Returns to the desktop window's own viewport. */
    public void resetViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * Sets the browser's default text size (the "font size" a reader picks in the browser's
     * settings; Chromium's default is 16 px standard, 13 px fixed). Pages that size text in
     * relative units follow it.
     */
    public void textSize(int standardPx, int fixedPx) {
        driver.executeCdpCommand("Page.setFontSizes", Map.of(
                "fontSizes", Map.of("standard", standardPx, "fixed", fixedPx)));
    }

    /**
     * Renders the page for a CSS media type, e.g. {@code "print"} to see what a printer gets;
     * an empty string returns to the screen.
     */
    public void media(String type) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", type));
    }

    /** Resets the text size to Chromium's defaults. */
    public void resetTextSize() {
        textSize(16, 13);
    }

    /** Forgets reader preferences and sessions: cookies and this origin's storage. */
    public void forgetSite() {
        driver.manage().deleteAllCookies();
        js("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}");
    }

    /** Closes every window but the first and switches to it. */
    public void singleWindow() {
        List<String> handles = new ArrayList<>(driver.getWindowHandles());
        for (int i = 1; i < handles.size(); i++) {
            driver.switchTo().window(handles.get(i)).close();
        }
        driver.switchTo().window(handles.get(0));
    }

    /**
     * Saves a screenshot and the page's HTML for a failed test under {@code target/}.
     *
     * @return the folder written to
     */
    Path saveArtifacts(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Files.write(artifacts.resolve(safe + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(artifacts.resolve(safe + ".html"),
                    url() + "\n" + driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // Best effort: a failed capture must not hide the test's own failure.
        }
        return artifacts;
    }

    /** Quits Chromium and stops chromedriver. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private void waitForLoad() {
        waitUntil("page did not finish loading: " + driver.getCurrentUrl(),
                () -> "complete".equals(js("return document.readyState;")));
    }

    private static final String FIND_CONTROL = """
            const labels = arguments[0].map(l => l.toLowerCase());
            const norm = s => (s || '').replace(/\\s+/g, ' ').trim().toLowerCase();
            const matches = (value) => labels.some(l => l.startsWith('~')
                ? value.includes(l.substring(1)) : value === l);
            const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
            const all = document.querySelectorAll(
                'button, a[href], [role=button], input[type=button], input[type=submit]');
            for (const e of all) {
              const names = [norm(e.textContent), norm(e.value), norm(e.getAttribute('aria-label')),
                             norm(e.getAttribute('title'))];
              if (visible(e) && names.some(n => n && matches(n))) { return e; }
            }
            return null;
            """;
}
