package io.bantin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that is itself a module uses bantin-core, bantin-jdbc and bantin-render from the
 * module path: it requires them by name, counts a visit into SQLite (Flyway finding the migrations
 * inside io.bantin.jdbc), saves an article and renders it (jte's precompiled templates and the
 * labels inside io.bantin.render). The build's own tests run on the class path, so this is what
 * checks the module descriptors at run time.
 */
class ModulePathTest {

    /** The jars and class folders the program needs; the test tools on the class path stay out. */
    private static final List<String> NEEDED = List.of("bantin-core", "bantin-jdbc", "bantin-render", "core/target",
            "jdbc/target", "render/target", "caffeine", "slf4j-api", "jdbi3-core", "flyway-core", "jte-runtime",
            "jsoup", "jackson-", "rome", "sqlite-jdbc", "geantyref", "antlr4-runtime", "jspecify", "error_prone");

    @TempDir
    Path dir;

    @Test
    void aModularApplicationCountsSavesAndRendersThroughTheModuleDescriptors() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/example"));
        Files.writeString(dir.resolve("src/module-info.java"), """
                module bantin.example {
                    requires io.bantin.jdbc;
                    requires io.bantin.render;
                    requires org.xerial.sqlitejdbc;
                }
                """);
        Files.writeString(src.resolve("Main.java"), """
                package example;

                import io.bantin.article.Article;
                import io.bantin.article.Status;
                import io.bantin.render.ArticleHtml;
                import io.bantin.render.ArticleRenderer;
                import io.bantin.render.RenderOptions;
                import io.bantin.store.Database;
                import io.bantin.store.SqlArticleRepository;
                import io.bantin.store.SqlVisitStore;
                import io.bantin.visit.Hit;
                import io.bantin.visit.VisitCounter;
                import java.nio.file.Path;
                import java.time.Clock;

                public class Main {
                    public static void main(String[] args) {
                        Database db = Database.sqlite(Path.of(args[0]));
                        try (VisitCounter counter = VisitCounter.builder().store(new SqlVisitStore(db)).build()) {
                            counter.record(Hit.of("203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "/"));
                            counter.flush();
                            System.out.println("visits=" + counter.stats().total());
                            Article saved = new SqlArticleRepository(db, Clock.systemUTC(), ArticleHtml.policy())
                                    .save(Article.builder().title("Khai mạc hội chợ nông sản")
                                            .body("<p>Sáng nay hội chợ mở cửa.</p><script>x()</script>")
                                            .status(Status.PUBLISHED).build());
                            String html = new ArticleRenderer(RenderOptions.builder().build()).articleFragment(saved, 1);
                            System.out.println("rendered=" + html.contains("Khai mạc hội chợ nông sản")
                                    + " script=" + html.contains("<script>x()"));
                        }
                    }
                }
                """);
        String modulePath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NEEDED.stream().anyMatch(e::contains))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", modulePath,
                dir.resolve("src/module-info.java").toString(), src.resolve("Main.java").toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--module-path", classes + File.pathSeparator + modulePath,
                "-m", "bantin.example/example.Main", dir.resolve("site.db").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("visits=1").contains("rendered=true script=false");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
