package io.bantin.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.bantin.server.security.AdminAccounts;
import io.bantin.server.security.SessionStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes: packages by feature with arrows in one
 * direction, the root package only wiring, and no SQL outside the one store the server keeps.
 * Each rule fails with the offending classes and the dependency that breaks it.
 */
class ArchitectureTest {
    private static final String SERVER = "io.bantin.server";

    private static JavaClasses server;
    private static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // bantin-core's test-jar (the shared property-test generators) is test code too, but
                // a jar, which the predefined option does not recognise.
                .withImportOption(location -> !location.contains("-tests.jar"));
        server = importer.importPackages(SERVER);
        // The core's packages as the server sees them on its class path, whichever module holds them.
        core = importer.importPackages("io.bantin").that(not(resideInAPackage(SERVER + "..")));
    }

    @Test
    void theServersPackagesImportNoPackageThatImportsThemBack() {
        ArchRule rule = slices().matching(SERVER + ".(*)..").should().beFreeOfCycles();
        rule.check(server);
    }

    @Test
    void theCoresPackagesImportNoPackageThatImportsThemBack() {
        // Not an empty check: the core's packages are there to be checked.
        assertThat(List.of("io.bantin.article", "io.bantin.visit")).allMatch(core::containPackage);
        ArchRule rule = slices().matching("io.bantin.(*)..").should().beFreeOfCycles();
        rule.check(core);
    }

    @Test
    void nothingButTheWiringDependsOnTheRootPackage() {
        ArchRule rule = noClasses().that().resideInAPackage(SERVER + ".*..")
                .should().dependOnClassesThat().resideInAPackage(SERVER)
                .because("the root package wires the features together; each feature gets what it needs"
                        + " through its constructor");
        rule.check(server);
    }

    @Test
    void httpIsTheBottomAndDependsOnNoOtherPartOfTheServer() {
        ArchRule rule = noClasses().that().resideInAPackage(SERVER + ".http..")
                .should().dependOnClassesThat(resideInAPackage(SERVER + "..").and(not(resideInAPackage(SERVER + ".http.."))))
                .because("errors, bodies and headers are shared by every feature, so they can import none");
        rule.check(server);
    }

    @Test
    void theArticlePageIsRenderedFromTheFiguresPassedInWithoutCallingBackIntoTheRoute() {
        ArchRule rule = noClasses().that().haveFullyQualifiedName(SERVER + ".pages.ArticlePage")
                .or().haveFullyQualifiedName(SERVER + ".pages.ArticlePageCache")
                .should().dependOnClassesThat(resideInAPackage(SERVER + ".counting..")
                        .or(resideInAPackage(SERVER + ".articles.."))
                        .or(resideInAPackage("io.bantin.visit.."))
                        .or(JavaClass.Predicates.simpleName("PublicPages")))
                .because("the route looks the article up and counts; the page and its cache only render what"
                        + " they are given");
        rule.check(server);
    }

    @Test
    void routesNeverTalkSqlOnlyTheWiringAndTheServersOwnStoresDo() {
        ArchRule rule = noClasses().that().resideInAPackage(SERVER + ".*..")
                .and().doNotHaveFullyQualifiedName(AdminAccounts.class.getName())
                .and().doNotHaveFullyQualifiedName(SessionStore.class.getName())
                .and().doNotHaveFullyQualifiedName(SessionStore.class.getPackageName() + ".SqlLoginCounts")
                // Takes the database only to hand it to SqlLoginCounts.
                .and().doNotHaveFullyQualifiedName(SessionStore.class.getPackageName() + ".LoginThrottle")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..",
                        "org.flywaydb..", "org.sqlite..", "io.bantin.store..")
                .because("a route parses, makes one core call and answers; SQL lives in the core's stores and the server's few");
        rule.check(server);
    }
}
