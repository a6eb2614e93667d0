package io.bantin.server.browser;

import io.bantin.server.BantinServer;
import io.bantin.server.MutableClock;
import io.bantin.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one demo portal per test class, in this JVM, and hands it to test and lifecycle methods
 * as a {@link Portal} parameter. Register it after {@link ChromeExtension} so that a class whose
 * browser is missing is skipped before a server is started for nothing.
 */
public final class PortalExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** The portal's time when each class starts: 10:08 in Hanoi, a weekday morning. */
    static final Instant START = Instant.parse("2026-11-27T03:08:00Z");

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PortalExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path dir = Files.createDirectories(
                TestDirs.target().resolve("browser").resolve(context.getRequiredTestClass().getSimpleName()));
        Path db = Files.createTempDirectory(dir, "db-").resolve("bantin.db");
        MutableClock clock = new MutableClock(START);
        BantinServer server = BantinServer.start(ServerConfig.builder()
                .port(0)
                .host("127.0.0.1")
                .database(db)
                .adminPassword(Portal.ADMIN_PASSWORD)
                .demo(true)
                .clock(clock)
                .build());
        context.getStore(NAMESPACE).put(Portal.class, new Portal(server, clock));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Portal portal = context.getStore(NAMESPACE).remove(Portal.class, Portal.class);
        if (portal != null) {
            portal.server().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Portal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Portal portal = context.getStore(NAMESPACE).get(Portal.class, Portal.class);
        if (portal == null) {
            throw new ParameterResolutionException("no portal: PortalExtension did not start one");
        }
        return portal;
    }
}
