package io.bantin.server.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that drives the demo portal in headless Chromium: one browser and one
 * in-JVM server per class, injected as {@link Browser} and {@link Portal} parameters. The browser
 * starts first so that a machine without Chromium skips the class without starting a server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(ChromeExtension.class)
@ExtendWith(PortalExtension.class)
public @interface PortalBrowserTest {
}
