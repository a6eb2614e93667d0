package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite-jdbc is optional in bantin-core: without it, Database.sqlite must say what to add. */
class MissingDriverTest {

    @TempDir
    Path dir;

    @Test
    void sqliteWithoutTheDriverNamesTheMissingDependency() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("sqlite-jdbc")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader withoutDriver = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> database = Class.forName("io.bantin.store.Database", true, withoutDriver);
            Throwable thrown = null;
            try {
                database.getMethod("sqlite", Path.class).invoke(null, dir.resolve("x.db"));
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }
            assertThat(thrown).isInstanceOf(IllegalStateException.class);
            assertThat(thrown.getMessage()).contains("org.xerial:sqlite-jdbc");
        }
    }
}
