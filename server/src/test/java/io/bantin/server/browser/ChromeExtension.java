package io.bantin.server.browser;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one headless Chromium per test class (startup is slow on a small machine) and hands it
 * to test and lifecycle methods as a {@link Browser} parameter.
 *
 * <p>When Chromium or chromedriver is not on the PATH the class is skipped with the reason,
 * unless {@code BANTIN_REQUIRE_BROWSER=true} (CI), where that is a failure. A failed test leaves
 * a screenshot and the page's HTML under {@code target/browser/<class>/artifacts/}.
 */
public final class ChromeExtension
        implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ChromeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ChromeBinaries binaries = requireOrSkip(ChromeBinaries.onPath(), ChromeBinaries.required());
        Path workDir = TestDirs.target().resolve("browser").resolve(context.getRequiredTestClass().getSimpleName());
        Browser browser = Browser.start(binaries, workDir);
        context.getStore(NAMESPACE).put(Browser.class, browser);
    }

    /**
     * The binaries when found; otherwise skips the test class with the reason, or fails it when
     * the environment requires the browser (CI).
     *
     * @throws org.opentest4j.TestAbortedException when absent and not required (a skip)
     * @throws IllegalStateException when absent and required
     */
    static ChromeBinaries requireOrSkip(Optional<ChromeBinaries> found, boolean required) {
        if (found.isPresent()) {
            return found.get();
        }
        String reason = "Chromium and chromedriver are not both on the PATH"
                + " (Debian packages chromium and chromium-driver)";
        if (required) {
            throw new IllegalStateException(
                    reason + ", but " + ChromeBinaries.REQUIRE_ENV + "=true requires the browser tests to run");
        }
        return Assumptions.abort(reason + "; browser tests skipped");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
        if (browser != null) {
            browser.close();
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser != null) {
            browser.saveArtifacts(context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser == null) {
            throw new ParameterResolutionException("no browser: ChromeExtension did not start one");
        }
        return browser;
    }
}
