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
        Optional<ChromeBinaries> binaries = ChromeBinaries.onPath();
        if (binaries.isEmpty()) {
            String reason = "Chromium and chromedriver are not both on the PATH"
                    + " (Debian packages chromium and chromium-driver)";
            if (ChromeBinaries.required()) {
                throw new IllegalStateException(
                        reason + ", but " + ChromeBinaries.REQUIRE_ENV + "=true requires the browser tests to run");
            }
            Assumptions.abort(reason + "; browser tests skipped");
        }
        Path workDir = TestDirs.target().resolve("browser").resolve(context.getRequiredTestClass().getSimpleName());
        Browser browser = Browser.start(binaries.get(), workDir);
        context.getStore(NAMESPACE).put(Browser.class, browser);
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
